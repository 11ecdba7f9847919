import type { Incident } from '../../domain/incident.ts';
import type { IncidentCursor, IncidentFilter } from '../incidents.ts';
import type { Database } from './database.ts';
import { incidentFromRow } from './incident-rows.ts';
import { prepared } from './statements.ts';

/** A full-text query from free text: each word quoted, so no word can be read as FTS5 syntax. */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.length === 0
    ? null
    : words
        .slice(0, 20)
        .map((w) => `"${w}"`)
        .join(' ');
}

function conditions(filter: IncidentFilter): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (filter.since) add('i.time >= ?', filter.since);
  if (filter.until) add('i.time < ?', filter.until);
  if (filter.types && filter.types.length > 0)
    add(`i.type IN (${filter.types.map(() => '?').join(', ')})`, ...filter.types);
  if (filter.jcc !== undefined) add('i.jcc = ?', filter.jcc);
  if (filter.ownerOrg !== undefined) add('i.owner_org = ?', filter.ownerOrg);
  if (filter.source !== undefined) add('i.source = ?', filter.source);
  if (filter.verification !== undefined) add('i.verification = ?', filter.verification);
  if (filter.governorate !== undefined) {
    add('(i.governorate_pcode = ? OR i.governorate = ? COLLATE NOCASE)', filter.governorate, filter.governorate);
  }
  if (filter.district !== undefined) {
    add('(i.district_pcode = ? OR i.district = ? COLLATE NOCASE)', filter.district, filter.district);
  }
  if (filter.inGap !== undefined) add('i.in_gap = ?', filter.inGap ? 1 : 0);
  if (filter.inZone !== undefined) add('i.in_zone = ?', filter.inZone ? 1 : 0);
  if (filter.grading && filter.grading.length > 0) {
    const parts = filter.grading.map((g) => (g.length === 1 ? 'substr(i.grading, 1, 1) = ?' : 'i.grading = ?'));
    add(`(${parts.join(' OR ')})`, ...filter.grading);
  }
  if (filter.minKilled !== undefined) add('i.killed_total >= ?', filter.minKilled);
  if (filter.minCasualties !== undefined) add('i.casualties_total >= ?', filter.minCasualties);
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    // With a time window or a type, their index narrows the rows enough to test the coordinates
    // directly; a box alone is answered from the R*Tree.
    if (filter.since || filter.until || filter.types?.length)
      add('i.lon BETWEEN ? AND ? AND i.lat BETWEEN ? AND ?', w, e, s, n);
    else
      add(
        'i.rid IN (SELECT rid FROM incidents_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
        w,
        e,
        s,
        n,
      );
  }
  if (filter.q !== undefined) {
    const q = ftsQuery(filter.q);
    if (q === null) where.push('0');
    else add('i.rid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)', q);
  }
  return { where, args };
}

/**
 * The WHERE conditions of a read: the filter's, or, with `tearlines`, the filter's OR (a tearline
 * and that wider filter's) — the one SQL narrowing every incident read shares before the access
 * policy decides, row by row, what the reader may see.
 */
export function incidentWhere(
  filter: IncidentFilter,
  tearlines?: IncidentFilter,
): { where: string[]; args: (string | number)[] } {
  const exact = conditions(filter);
  if (!tearlines) return exact;
  const wide = conditions(tearlines);
  const all = (w: string[]) => (w.length ? w.join(' AND ') : '1');
  return {
    where: [`((${all(exact.where)}) OR (i.tearline IS NOT NULL AND ${all(wide.where)}))`],
    args: [...exact.args, ...wide.args],
  };
}

/**
 * Incidents matching the filter, newest first, strictly after the cursor; with `tearlines`, also
 * incidents that have a tearline and match that (wider) filter.
 */
export function queryIncidents(
  db: Database,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
  tearlines?: IncidentFilter,
): Incident[] {
  const { where, args } = incidentWhere(filter, tearlines);
  if (after) {
    where.push('(i.time < ? OR (i.time = ? AND i.id < ?))');
    args.push(after.time, after.time, after.id);
  }
  const sql = `SELECT i.* FROM incidents i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.time DESC, i.id DESC LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map(incidentFromRow);
}
