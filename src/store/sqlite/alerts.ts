import type { Alert, AlertSubjectType } from '../../domain/alert.ts';
import type { AlertCursor, AlertRow } from '../alerts.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function alertFromRow(r: Record<string, unknown>): Alert {
  return {
    id: String(r.id),
    recipientOrg: String(r.recipient_org),
    ruleId: String(r.rule_id),
    ruleName: String(r.rule_name),
    ruleKind: String(r.rule_kind) as Alert['ruleKind'],
    subjectType: String(r.subject_type) as AlertSubjectType,
    subjectId: String(r.subject_id),
    occurrence: String(r.occurrence),
    match: JSON.parse(String(r.match)),
    createdAt: String(r.created_at),
  };
}

export function findAlert(db: Database, id: string): Alert | null {
  const r = prepared(db, 'SELECT * FROM alerts WHERE id = ?').get(id);
  return r ? alertFromRow(r) : null;
}

export function alertReadAt(db: Database, alertId: string, userId: string): string | null {
  const r = prepared(db, 'SELECT read_at FROM alert_reads WHERE user_id = ? AND alert_id = ?').get(userId, alertId);
  return r ? String(r.read_at) : null;
}

/** Unread first (read = 0), newest first within each: the order of `(read, id DESC)`. */
export function listAlertsFor(
  db: Database,
  org: string,
  userId: string,
  unreadOnly: boolean,
  after: AlertCursor | null,
  limit: number,
): AlertRow[] {
  const where = ['a.recipient_org = ?'];
  const args: (string | number)[] = [userId, org];
  if (unreadOnly) where.push('r.read_at IS NULL');
  if (after) {
    where.push('((r.read_at IS NOT NULL) > ? OR ((r.read_at IS NOT NULL) = ? AND a.id < ?))');
    args.push(after.read ? 1 : 0, after.read ? 1 : 0, after.id);
  }
  const sql = `SELECT a.*, r.read_at AS read_at FROM alerts a
    LEFT JOIN alert_reads r ON r.alert_id = a.id AND r.user_id = ?
    WHERE ${where.join(' AND ')}
    ORDER BY (r.read_at IS NOT NULL), a.id DESC LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map((r) => ({ alert: alertFromRow(r), readAt: (r.read_at as string | null) ?? null }));
}

export function alertExists(
  db: Database,
  ruleId: string,
  subjectType: string,
  subjectId: string,
  occurrence: string,
): boolean {
  return (
    prepared(
      db,
      'SELECT 1 FROM alerts WHERE rule_id = ? AND subject_type = ? AND subject_id = ? AND occurrence = ?',
    ).get(ruleId, subjectType, subjectId, occurrence) !== undefined
  );
}

export function alertEngineCursor(db: Database): number {
  const r = prepared(db, 'SELECT seq FROM alert_engine WHERE id = 1').get();
  return r ? Number(r.seq) : 0;
}

export function insertAlert(tx: SqliteTx, a: Alert): void {
  prepared(
    tx.db,
    `INSERT INTO alerts (id, recipient_org, rule_id, rule_name, rule_kind, subject_type, subject_id, occurrence, match, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.recipientOrg,
    a.ruleId,
    a.ruleName,
    a.ruleKind,
    a.subjectType,
    a.subjectId,
    a.occurrence,
    JSON.stringify(a.match),
    a.createdAt,
  );
  tx.change(
    recordChange('alert', a, 'create', {
      action: 'alert.create',
      detail: { rule: a.ruleId, subject_type: a.subjectType, subject_id: a.subjectId },
    }),
  );
}

export function setAlertEngineCursor(db: Database, seq: number): void {
  prepared(db, 'UPDATE alert_engine SET seq = ? WHERE id = 1').run(seq);
}

export function markAlertsRead(db: Database, userId: string, alertIds: readonly string[], at: string): number {
  let n = 0;
  const stmt = prepared(db, 'INSERT OR IGNORE INTO alert_reads (user_id, alert_id, read_at) VALUES (?, ?, ?)');
  for (const id of alertIds) n += Number(stmt.run(userId, id, at).changes);
  return n;
}
