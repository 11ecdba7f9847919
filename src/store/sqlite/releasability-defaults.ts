import { parseReleasability, type Releasability } from '../../domain/releasability.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

/** The default releasability an organisation set for a record type, or null. */
export function findReleasabilityDefault(db: Database, org: string, recordType: string): Releasability | null {
  const r = prepared(db, 'SELECT releasability FROM releasability_defaults WHERE org = ? AND record_type = ?').get(
    org,
    recordType,
  );
  return r ? parseReleasability(String(r.releasability)) : null;
}

export function listReleasabilityDefaults(
  db: Database,
  org: string,
): Array<{ recordType: string; releasability: string }> {
  return prepared(
    db,
    'SELECT record_type, releasability FROM releasability_defaults WHERE org = ? ORDER BY record_type',
  )
    .all(org)
    .map((r) => ({ recordType: String(r.record_type), releasability: String(r.releasability) }));
}

/** Sets an organisation's default; it is configuration of that organisation, audited but not shared. */
export function upsertReleasabilityDefault(tx: SqliteTx, org: string, recordType: string, releasability: string): void {
  prepared(
    tx.db,
    `INSERT INTO releasability_defaults (org, record_type, releasability, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (org, record_type) DO UPDATE SET releasability = excluded.releasability, updated_at = excluded.updated_at`,
  ).run(org, recordType, releasability, tx.at);
  tx.audit({
    action: 'releasability_default.set',
    recordType: 'organisation',
    recordId: org,
    detail: { recordType, releasability },
  });
}
