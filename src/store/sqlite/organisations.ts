import type { Organisation } from '../../domain/organisation.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): Organisation {
  return {
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    nameAr: (r.name_ar as string | null) ?? null,
    nameCkb: (r.name_ckb as string | null) ?? null,
    createdAt: String(r.created_at),
  };
}

/** Writes a new organisation with its change-log and audit entries. */
export function insertOrganisation(tx: SqliteTx, org: Organisation): void {
  prepared(
    tx.db,
    'INSERT INTO organisations (id, code, name, name_ar, name_ckb, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(org.id, org.code, org.name, org.nameAr ?? null, org.nameCkb ?? null, org.createdAt);
  tx.change(recordChange('organisation', org, 'create', { action: 'organisation.create', detail: { code: org.code } }));
}

export function listOrganisations(db: Database): Organisation[] {
  return prepared(db, 'SELECT * FROM organisations ORDER BY code').all().map(fromRow);
}

export function findOrganisation(db: Database, code: string): Organisation | null {
  const r = prepared(db, 'SELECT * FROM organisations WHERE code = ?').get(code);
  return r ? fromRow(r) : null;
}
