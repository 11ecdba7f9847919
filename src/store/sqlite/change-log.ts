import type { ChangeEvent } from '../../bus/bus.ts';
import type { RecordType } from '../../domain/records/registry.ts';
import type { ChangeLogEntry } from '../change-log.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): ChangeLogEntry {
  return {
    seq: Number(r.seq),
    origin: String(r.origin),
    originSeq: Number(r.origin_seq),
    at: String(r.at),
    recordType: String(r.record_type),
    recordId: String(r.record_id),
    op: r.op as ChangeEvent['op'],
    ownerOrg: (r.owner_org as string | null) ?? null,
    releasability: (r.releasability as string | null) ?? null,
    jcc: (r.jcc as string | null) ?? null,
    actor: (r.actor as string | null) ?? null,
    version: r.version === null || r.version === undefined ? null : Number(r.version),
    data: r.data === null ? null : JSON.parse(String(r.data)),
  };
}

/** The highest sequence number written so far (0 for an empty log). */
export function lastSeq(db: Database): number {
  return Number((prepared(db, 'SELECT coalesce(max(seq), 0) AS s FROM change_log').get() as { s: number }).s);
}

/**
 * The highest sequence number of a change to any of these record types (0 for none): a version for
 * caches. One indexed lookup per type (`change_log_type_seq`), whatever the length of the log.
 */
export function lastSeqOf(db: Database, recordTypes: readonly RecordType[]): number {
  const latest = prepared(db, 'SELECT max(seq) AS v FROM change_log WHERE record_type = ?');
  let v = 0;
  for (const type of recordTypes) v = Math.max(v, Number((latest.get(type) as { v: number | null }).v ?? 0));
  return v;
}

/** Entries after `afterSeq`, in commit order. */
export function changesAfter(db: Database, afterSeq: number, limit: number): ChangeLogEntry[] {
  return prepared(db, 'SELECT * FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit).map(fromRow);
}

/** The first missing sequence number of each gap in the log: empty when it is gap-free. */
export function changeLogGaps(db: Database): number[] {
  return prepared(
    db,
    `SELECT seq + 1 AS missing FROM change_log c
     WHERE seq < (SELECT max(seq) FROM change_log) AND NOT EXISTS (SELECT 1 FROM change_log d WHERE d.seq = c.seq + 1)
     UNION ALL SELECT 1 WHERE (SELECT min(seq) FROM change_log) > 1`,
  )
    .all()
    .map((r) => Number(r.missing));
}

/** Every change-log entry of one record, oldest first. */
export function recordChanges(db: Database, recordType: string, recordId: string): ChangeLogEntry[] {
  return prepared(db, 'SELECT * FROM change_log WHERE record_type = ? AND record_id = ? ORDER BY seq')
    .all(recordType, recordId)
    .map(fromRow);
}
