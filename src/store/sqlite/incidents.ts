import type { BBox } from '../../domain/geojson.ts';
import type { Incident } from '../../domain/incident.ts';
import { parseReleasability } from '../../domain/releasability.ts';
import type { IncidentSharing } from '../incidents.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import { incidentColumns, incidentFromRow, incidentRow } from './incident-rows.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

export const insertIncidentSql = `INSERT INTO incidents (${incidentColumns.join(', ')})
  VALUES (${incidentColumns.map(() => '?').join(', ')}) RETURNING rid`;

const updateIncidentSql = `UPDATE incidents SET ${incidentColumns
  .slice(1)
  .map((c) => `${c} = ?`)
  .join(', ')} WHERE id = ? RETURNING rid`;

/** Writes a new incident, its spatial index entry, its change-log entry and its audit entry. */
export function insertIncident(tx: SqliteTx, i: Incident): void {
  const { rid } = prepared(tx.db, insertIncidentSql).get(...incidentRow(i)) as { rid: number };
  prepared(tx.db, 'INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(
    rid,
    i.lon,
    i.lon,
    i.lat,
    i.lat,
  );
  tx.change(
    recordChange('incident', i, 'create', { action: 'incident.create', detail: { type: i.type, source: i.source } }),
  );
}

/** Writes a changed incident (its version already raised) with an `update` change-log entry and audit entry. */
export function updateIncident(tx: SqliteTx, i: Incident, audit: { action: string; detail?: unknown }): void {
  const [id, ...rest] = incidentRow(i);
  const { rid } = prepared(tx.db, updateIncidentSql).get(...rest, id) as { rid: number };
  prepared(tx.db, 'UPDATE incidents_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ? WHERE rid = ?').run(
    i.lon,
    i.lon,
    i.lat,
    i.lat,
    rid,
  );
  tx.change(recordChange('incident', i, 'update', audit));
}

/**
 * Incidents of a type within a time range and bounding box that were stored before the given one
 * (ids are UUIDv7, so they sort by when they were made): candidates for being what it duplicates.
 */
export function incidentsNear(
  db: Database,
  q: { type: string; from: string; to: string; bbox: BBox; before: string },
): Array<{ id: string; lon: number; lat: number; time: string }> {
  return prepared(
    db,
    `SELECT i.id, i.lon, i.lat, i.time FROM incidents i
     WHERE i.type = ? AND i.time >= ? AND i.time <= ? AND i.id < ?
       AND i.rid IN (SELECT rid FROM incidents_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)
     ORDER BY i.time, i.id LIMIT 50`,
  )
    .all(q.type, q.from, q.to, q.before, q.bbox[0], q.bbox[2], q.bbox[1], q.bbox[3])
    .map((r) => ({ id: String(r.id), lon: Number(r.lon), lat: Number(r.lat), time: String(r.time) }));
}

export function findIncident(db: Database, id: string): Incident | null {
  const r = prepared(db, 'SELECT * FROM incidents WHERE id = ?').get(id);
  return r ? incidentFromRow(r) : null;
}

/** Who may see an incident: its owner, releasability, JCC and tearline releasability; null for no such incident. */
export function findIncidentSharing(db: Database, id: string): IncidentSharing | null {
  const r = prepared(db, 'SELECT owner_org, releasability, jcc, tearline FROM incidents WHERE id = ?').get(id);
  if (!r) return null;
  const tearline = r.tearline === null ? null : (JSON.parse(String(r.tearline)) as { releasability: string });
  return {
    ownerOrg: String(r.owner_org),
    releasability: parseReleasability(String(r.releasability)),
    jcc: r.jcc === null ? null : String(r.jcc),
    tearline: tearline && { releasability: parseReleasability(tearline.releasability) },
  };
}

export function countIncidents(db: Database): number {
  return Number((prepared(db, 'SELECT count(*) AS n FROM incidents').get() as { n: number }).n);
}

export function incidentIdFromSource(db: Database, source: string, sourceId: string): string | null {
  const r = prepared(db, 'SELECT id FROM incidents WHERE source = ? AND source_id = ?').get(source, sourceId);
  return r ? String(r.id) : null;
}

export function incidentFromSourceExists(db: Database, source: string, sourceId: string): boolean {
  return prepared(db, 'SELECT 1 FROM incidents WHERE source = ? AND source_id = ?').get(source, sourceId) !== undefined;
}
