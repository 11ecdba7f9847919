import type { IncidentFilter, IncidentPointRow } from '../incidents.ts';
import type { Database } from './database.ts';
import { incidentWhere } from './incident-queries.ts';
import { prepared } from './statements.ts';

// Columns by position: the statement returns arrays, which skips building an object per row.
const columns = `i.id, i.lon, i.lat, i.type, i.time, i.casualties_total, i.owner_org, i.releasability, i.jcc,
  json_extract(i.tearline, '$.releasability')`;

/**
 * The point columns of the incidents a read could show, newest first: those matching the filter
 * and, with `tearlines`, those with a tearline matching that wider filter (the same narrowing as
 * every incident read). Rows are read lazily, so a visitor that has enough stops the scan.
 */
export function scanIncidentPoints(
  db: Database,
  filter: IncidentFilter,
  tearlines: IncidentFilter | undefined,
  visit: (row: IncidentPointRow) => boolean,
): void {
  const { where, args } = incidentWhere(filter, tearlines);
  const sql = `SELECT ${columns} FROM incidents i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.time DESC, i.id DESC`;
  const stmt = prepared(db, sql);
  stmt.setReturnArrays(true);
  for (const r of stmt.iterate(...args) as Iterable<unknown[]>) {
    const more = visit({
      id: r[0] as string,
      lon: r[1] as number,
      lat: r[2] as number,
      type: r[3] as string,
      time: r[4] as string,
      casualties: Number(r[5] ?? 0),
      ownerOrg: r[6] as string,
      releasability: r[7] as string,
      jcc: r[8] as string | null,
      tearlineReleasability: r[9] as string | null,
    });
    if (!more) return;
  }
}
