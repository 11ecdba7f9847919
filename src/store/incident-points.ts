import type { IncidentFilter } from './incident-queries.ts';
import { incidentWhere } from './incident-queries.ts';
import type { Database } from './sqlite/database.ts';
import { prepared } from './sqlite/statements.ts';

/** What a map point needs of an incident, and what the access policy reads to decide on it. */
export interface IncidentPointRow {
  id: string;
  lon: number;
  lat: number;
  type: string;
  time: string;
  /** Killed, wounded and abducted, all parties together. */
  casualties: number;
  ownerOrg: string;
  releasability: string;
  jcc: string | null;
  /** The tearline's releasability, or null without a tearline: never its summary. */
  tearlineReleasability: string | null;
}

// Columns by position: the statement returns arrays, which skips building an object per row.
const columns = `i.id, i.lon, i.lat, i.type, i.time, i.casualties_total, i.owner_org, i.releasability, i.jcc,
  json_extract(i.tearline, '$.releasability')`;

/**
 * The point columns of the incidents a read could show, newest first: those matching the filter
 * and, with `tearlines`, those with a tearline matching that wider filter (the same narrowing as
 * every incident read). Rows are read lazily, so a caller that has enough stops the scan.
 */
export function* incidentPointRows(
  db: Database,
  filter: IncidentFilter,
  tearlines?: IncidentFilter,
): Generator<IncidentPointRow> {
  const { where, args } = incidentWhere(filter, tearlines);
  const sql = `SELECT ${columns} FROM incidents i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.time DESC, i.id DESC`;
  const stmt = prepared(db, sql);
  stmt.setReturnArrays(true);
  for (const r of stmt.iterate(...args) as Iterable<unknown[]>) {
    yield {
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
    };
  }
}
