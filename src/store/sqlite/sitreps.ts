import { formatReleasability } from '../../domain/releasability.ts';
import type { Sitrep, SitrepFormat, SitrepLanguage } from '../../domain/sitrep.ts';
import { recordChange } from '../record-change.ts';
import type { SitrepCursor, SitrepFilter, SitrepSlot } from '../sitreps.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(row: Record<string, unknown>): Sitrep {
  const s = JSON.parse(String(row.data)) as Sitrep;
  // Reports written before the corrected report's number was kept name it by id only.
  s.correctsNumber ??= null;
  return s;
}

/** Writes a new report with its change-log and audit entries. */
export function insertSitrep(
  tx: SqliteTx,
  s: Sitrep,
  audit: { action: string; detail?: unknown },
  scheduled: boolean,
): void {
  prepared(
    tx.db,
    `INSERT INTO sitreps (id, jcc, number, originator_org, audience, state, period_from, period_to, scheduled,
       created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    s.jcc,
    s.number,
    s.originatorOrg,
    formatReleasability(s.audience),
    s.state,
    s.periodFrom,
    s.periodTo,
    scheduled ? 'schedule' : null,
    s.createdAt,
    JSON.stringify(s),
  );
  tx.change(recordChange('sitrep', s, 'create', audit));
}

/** Writes a changed report with an `update` change-log entry and audit entry. */
export function updateSitrep(tx: SqliteTx, s: Sitrep, audit: { action: string; detail?: unknown }): void {
  prepared(tx.db, 'UPDATE sitreps SET state = ?, data = ? WHERE id = ?').run(s.state, JSON.stringify(s), s.id);
  tx.change(recordChange('sitrep', s, 'update', audit));
}

export function findSitrep(db: Database, id: string): Sitrep | null {
  const row = prepared(db, 'SELECT data FROM sitreps WHERE id = ?').get(id);
  return row ? fromRow(row) : null;
}

/** Reports matching the filter, newest first, after the cursor. */
export function querySitreps(db: Database, f: SitrepFilter, after: SitrepCursor | null, limit: number): Sitrep[] {
  const where: string[] = [];
  const args: Record<string, string | number> = { limit };
  if (f.jcc !== undefined) {
    where.push('jcc = :jcc');
    args.jcc = f.jcc;
  }
  if (f.state !== undefined) {
    where.push('state = :state');
    args.state = f.state;
  }
  if (f.draftsOf !== undefined) {
    where.push("(state <> 'draft' OR originator_org = :drafts_of)");
    args.drafts_of = f.draftsOf;
  }
  if (after) {
    where.push('(created_at < :c_at OR (created_at = :c_at AND id < :c_id))');
    args.c_at = after.createdAt;
    args.c_id = after.id;
  }
  const sql = `SELECT data FROM sitreps ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY created_at DESC, id DESC LIMIT :limit`;
  return prepared(db, sql).all(args).map(fromRow);
}

export function lastSitrepNumber(db: Database, jcc: string): number {
  const row = prepared(db, 'SELECT MAX(number) AS n FROM sitreps WHERE jcc = ?').get(jcc);
  return row?.n == null ? 0 : Number(row.n);
}

export function sitrepSlotTaken(db: Database, s: SitrepSlot): boolean {
  const row = prepared(
    db,
    `SELECT 1 AS taken FROM sitreps WHERE jcc = ? AND originator_org = ? AND audience = ? AND period_from = ?
       AND period_to = ? LIMIT 1`,
  ).get(s.jcc, s.originatorOrg, s.audience, s.periodFrom, s.periodTo);
  return row !== undefined;
}

export function findSitrepRendition(
  db: Database,
  id: string,
  lang: SitrepLanguage,
  format: SitrepFormat,
): Uint8Array | null {
  const row = prepared(db, 'SELECT body FROM sitrep_renditions WHERE sitrep_id = ? AND lang = ? AND format = ?').get(
    id,
    lang,
    format,
  );
  return row ? new Uint8Array(row.body as Uint8Array) : null;
}

export function saveSitrepRendition(
  db: Database,
  id: string,
  lang: SitrepLanguage,
  format: SitrepFormat,
  body: Uint8Array,
  at: string,
): void {
  prepared(
    db,
    `INSERT INTO sitrep_renditions (sitrep_id, lang, format, body, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sitrep_id, lang, format) DO NOTHING`,
  ).run(id, lang, format, body, at);
}
