import { formatGrading, parseGrading } from '../domain/grading.ts';
import type { Incident } from '../domain/incident.ts';
import { formatReleasability, parseReleasability } from '../domain/releasability.ts';
import type { Tearline } from '../domain/tearline.ts';
import type { BBox } from '../geo/geojson.ts';
import type { Database } from './sqlite/database.ts';
import { prepared } from './sqlite/statements.ts';
import type { Tx } from './write-path.ts';

function tearlineFromJson(text: string): Tearline {
  const t = JSON.parse(text) as { releasability: string; summary: string | null };
  return { releasability: parseReleasability(t.releasability), summary: t.summary };
}

function fromRow(r: Record<string, unknown>): Incident {
  return {
    id: String(r.id),
    type: r.type as Incident['type'],
    time: String(r.time),
    timePrecision: r.time_precision as Incident['timePrecision'],
    lon: Number(r.lon),
    lat: Number(r.lat),
    locationPrecision: r.location_precision as Incident['locationPrecision'],
    place: (r.place as string | null) ?? null,
    narrative: String(r.narrative),
    casualties: JSON.parse(String(r.casualties)),
    grading: r.grading === null ? null : parseGrading(String(r.grading)),
    releasability: parseReleasability(String(r.releasability)),
    tearline: r.tearline === null ? null : tearlineFromJson(String(r.tearline)),
    verification: r.verification as Incident['verification'],
    ownerOrg: String(r.owner_org),
    reporterId: (r.reporter_id as string | null) ?? null,
    jcc: (r.jcc as string | null) ?? null,
    source: String(r.source),
    sourceId: (r.source_id as string | null) ?? null,
    exercise: r.exercise === 1,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    version: Number(r.version),
  };
}

function toArgs(i: Incident): (string | number | null)[] {
  return [
    i.id,
    i.type,
    i.time,
    i.timePrecision,
    i.lon,
    i.lat,
    i.locationPrecision,
    i.place,
    i.narrative,
    JSON.stringify(i.casualties),
    i.grading ? formatGrading(i.grading) : null,
    formatReleasability(i.releasability),
    i.tearline
      ? JSON.stringify({ releasability: formatReleasability(i.tearline.releasability), summary: i.tearline.summary })
      : null,
    i.verification,
    i.ownerOrg,
    i.reporterId,
    i.jcc,
    i.source,
    i.sourceId,
    i.exercise ? 1 : 0,
    i.createdAt,
    i.updatedAt,
    i.version,
  ];
}

export const insertIncidentSql = `INSERT INTO incidents (id, type, time, time_precision, lon, lat, location_precision, place,
  narrative, casualties, grading, releasability, tearline, verification, owner_org, reporter_id, jcc, source, source_id,
  exercise, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`;

/** Writes a new incident, its spatial index entry, its change-log entry and its audit entry. */
export function insertIncident(tx: Tx, i: Incident): void {
  const { rid } = prepared(tx.db, insertIncidentSql).get(...toArgs(i)) as { rid: number };
  prepared(tx.db, 'INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(
    rid,
    i.lon,
    i.lon,
    i.lat,
    i.lat,
  );
  tx.change({
    recordType: 'incident',
    recordId: i.id,
    op: 'create',
    ownerOrg: i.ownerOrg,
    releasability: formatReleasability(i.releasability),
    jcc: i.jcc,
    data: i,
    audit: { action: 'incident.create', detail: { type: i.type, source: i.source } },
  });
}

/** Writes a changed incident (its version already raised) with an `update` change-log entry and audit entry. */
export function updateIncident(tx: Tx, i: Incident, audit: { action: string; detail?: unknown }): void {
  const args = toArgs(i);
  // Every column but the id, in the order of insertIncidentSql, then the id for the WHERE.
  prepared(
    tx.db,
    `UPDATE incidents SET type = ?, time = ?, time_precision = ?, lon = ?, lat = ?, location_precision = ?, place = ?,
      narrative = ?, casualties = ?, grading = ?, releasability = ?, tearline = ?, verification = ?, owner_org = ?,
      reporter_id = ?, jcc = ?, source = ?, source_id = ?, exercise = ?, created_at = ?, updated_at = ?, version = ?
     WHERE id = ?`,
  ).run(...args.slice(1), i.id);
  const { rid } = prepared(tx.db, 'SELECT rid FROM incidents WHERE id = ?').get(i.id) as { rid: number };
  prepared(tx.db, 'UPDATE incidents_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ? WHERE rid = ?').run(
    i.lon,
    i.lon,
    i.lat,
    i.lat,
    rid,
  );
  tx.change({
    recordType: 'incident',
    recordId: i.id,
    op: 'update',
    ownerOrg: i.ownerOrg,
    releasability: formatReleasability(i.releasability),
    jcc: i.jcc,
    data: i,
    audit,
  });
}

export function findIncident(db: Database, id: string): Incident | null {
  const r = prepared(db, 'SELECT * FROM incidents WHERE id = ?').get(id);
  return r ? fromRow(r) : null;
}

export interface IncidentFilter {
  since?: string;
  until?: string;
  types?: string[];
  jcc?: string;
  ownerOrg?: string;
  source?: string;
  verification?: string;
  bbox?: BBox;
}

/** Position in the newest-first order of incidents: by time, then id. */
export interface IncidentCursor {
  time: string;
  id: string;
}

/** Incidents matching the filter, newest first, strictly after the cursor. */
export function queryIncidents(
  db: Database,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
): Incident[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.since) {
    where.push('i.time >= ?');
    args.push(filter.since);
  }
  if (filter.until) {
    where.push('i.time < ?');
    args.push(filter.until);
  }
  if (filter.types && filter.types.length > 0) {
    where.push(`i.type IN (${filter.types.map(() => '?').join(', ')})`);
    args.push(...filter.types);
  }
  for (const [column, value] of [
    ['jcc', filter.jcc],
    ['owner_org', filter.ownerOrg],
    ['source', filter.source],
    ['verification', filter.verification],
  ] as const) {
    if (value !== undefined) {
      where.push(`i.${column} = ?`);
      args.push(value);
    }
  }
  if (filter.bbox) {
    where.push(
      'i.rid IN (SELECT rid FROM incidents_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
    );
    args.push(filter.bbox[0], filter.bbox[2], filter.bbox[1], filter.bbox[3]);
  }
  if (after) {
    where.push('(i.time < ? OR (i.time = ? AND i.id < ?))');
    args.push(after.time, after.time, after.id);
  }
  const sql = `SELECT i.* FROM incidents i ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY i.time DESC, i.id DESC LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map(fromRow);
}

export function countIncidents(db: Database): number {
  return Number((prepared(db, 'SELECT count(*) AS n FROM incidents').get() as { n: number }).n);
}
