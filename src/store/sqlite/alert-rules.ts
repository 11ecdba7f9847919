import type { AlertRule } from '../../domain/alert-rule.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function ruleFromRow(r: Record<string, unknown>): AlertRule {
  return {
    id: String(r.id),
    org: String(r.org),
    name: String(r.name),
    kind: String(r.kind) as AlertRule['kind'],
    radiusKm: r.radius_km === null ? null : Number(r.radius_km),
    presenceKinds: JSON.parse(String(r.presence_kinds)),
    incidentTypes: JSON.parse(String(r.incident_types)),
    enabled: r.enabled === 1,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    version: Number(r.version),
  };
}

export function findAlertRule(db: Database, id: string): AlertRule | null {
  const r = prepared(db, 'SELECT * FROM alert_rules WHERE id = ?').get(id);
  return r ? ruleFromRow(r) : null;
}

export function listAlertRules(db: Database, org: string | null): AlertRule[] {
  const rows =
    org === null
      ? prepared(db, 'SELECT * FROM alert_rules ORDER BY id').all()
      : prepared(db, 'SELECT * FROM alert_rules WHERE org = ? ORDER BY id').all(org);
  return rows.map(ruleFromRow);
}

export function countAlertRules(db: Database, org: string): number {
  return Number(prepared(db, 'SELECT count(*) AS n FROM alert_rules WHERE org = ?').get(org)?.n ?? 0);
}

function values(r: AlertRule): Array<string | number | null> {
  return [
    r.org,
    r.name,
    r.kind,
    r.radiusKm,
    JSON.stringify(r.presenceKinds),
    JSON.stringify(r.incidentTypes),
    r.enabled ? 1 : 0,
    r.createdBy,
    r.createdAt,
    r.updatedAt,
    r.version,
  ];
}

export function insertAlertRule(tx: SqliteTx, r: AlertRule): void {
  prepared(
    tx.db,
    `INSERT INTO alert_rules (id, org, name, kind, radius_km, presence_kinds, incident_types, enabled, created_by,
       created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, ...values(r));
  tx.change(recordChange('alert_rule', r, 'create', { action: 'alert_rule.create', detail: { name: r.name } }));
}

export function updateAlertRule(tx: SqliteTx, r: AlertRule): void {
  prepared(
    tx.db,
    `UPDATE alert_rules SET org = ?, name = ?, kind = ?, radius_km = ?, presence_kinds = ?, incident_types = ?,
       enabled = ?, created_by = ?, created_at = ?, updated_at = ?, version = ? WHERE id = ?`,
  ).run(...values(r), r.id);
  tx.change(recordChange('alert_rule', r, 'update', { action: 'alert_rule.update', detail: { name: r.name } }));
}

export function removeAlertRule(tx: SqliteTx, r: AlertRule): void {
  prepared(tx.db, 'DELETE FROM alert_rules WHERE id = ?').run(r.id);
  tx.change({
    recordType: 'alert_rule',
    recordId: r.id,
    op: 'delete',
    ownerOrg: r.org,
    releasability: 'org',
    jcc: null,
    data: null,
    audit: { action: 'alert_rule.delete', detail: { name: r.name } },
  });
}
