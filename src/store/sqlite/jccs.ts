import type { Areal } from '../../domain/geojson.ts';
import type { Jcc } from '../../domain/jcc.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function membersOf(db: Database, code: string): string[] {
  return prepared(db, 'SELECT org FROM jcc_members WHERE jcc = ? ORDER BY org')
    .all(code)
    .map((r) => String(r.org));
}

function fromRow(db: Database, r: Record<string, unknown>): Jcc {
  const code = String(r.code);
  return {
    id: String(r.id),
    code,
    name: String(r.name),
    nameAr: (r.name_ar as string | null) ?? null,
    nameCkb: (r.name_ckb as string | null) ?? null,
    aor: JSON.parse(String(r.aor)) as Areal,
    members: membersOf(db, code),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function insertJcc(tx: SqliteTx, jcc: Jcc): void {
  prepared(
    tx.db,
    'INSERT INTO jccs (id, code, name, name_ar, name_ckb, aor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    jcc.id,
    jcc.code,
    jcc.name,
    jcc.nameAr ?? null,
    jcc.nameCkb ?? null,
    JSON.stringify(jcc.aor),
    jcc.createdAt,
    jcc.updatedAt,
  );
  const member = prepared(tx.db, 'INSERT INTO jcc_members (jcc, org) VALUES (?, ?)');
  for (const org of jcc.members) member.run(jcc.code, org);
  tx.change(
    recordChange('jcc', jcc, 'create', { action: 'jcc.create', detail: { code: jcc.code, members: jcc.members } }),
  );
}

/** Writes a centre's names in each language, with its change-log and audit entries. */
export function updateJccNames(tx: SqliteTx, jcc: Jcc): void {
  prepared(tx.db, 'UPDATE jccs SET name = ?, name_ar = ?, name_ckb = ?, updated_at = ? WHERE code = ?').run(
    jcc.name,
    jcc.nameAr ?? null,
    jcc.nameCkb ?? null,
    jcc.updatedAt,
    jcc.code,
  );
  tx.change(
    recordChange('jcc', jcc, 'update', {
      action: 'jcc.rename',
      detail: { code: jcc.code, name: jcc.name, name_ar: jcc.nameAr ?? null, name_ckb: jcc.nameCkb ?? null },
    }),
  );
}

export function listJccs(db: Database): Jcc[] {
  return prepared(db, 'SELECT * FROM jccs ORDER BY code')
    .all()
    .map((r) => fromRow(db, r));
}

export function findJcc(db: Database, code: string): Jcc | null {
  const r = prepared(db, 'SELECT * FROM jccs WHERE code = ?').get(code);
  return r ? fromRow(db, r) : null;
}
