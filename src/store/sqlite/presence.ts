import type { Presence } from '../../domain/presence.ts';
import { formatReleasability, parseReleasability } from '../../domain/releasability.ts';
import { geometryBBox } from '../../geo/projection.ts';
import type { PresenceFilter } from '../presence.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

export function presenceFromRow(r: Record<string, unknown>): Presence {
  const base = {
    id: String(r.id),
    org: String(r.org),
    name: String(r.name),
    activeFrom: String(r.active_from),
    activeTo: (r.active_to as string | null) ?? null,
    releasability: parseReleasability(String(r.releasability)),
    exercise: r.exercise === 1,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
  const geometry = JSON.parse(String(r.geometry));
  switch (r.kind) {
    case 'checkpoint':
      return { ...base, kind: 'checkpoint', geometry, radiusKm: Number(r.radius_km) };
    case 'patrol':
      return {
        ...base,
        kind: 'patrol',
        geometry,
        bufferKm: Number(r.buffer_km),
        schedule: r.schedule === null ? null : JSON.parse(String(r.schedule)),
      };
    default:
      return { ...base, kind: 'unit_aor', geometry };
  }
}

export function insertPresence(tx: SqliteTx, p: Presence): void {
  const { rid } = prepared(
    tx.db,
    `INSERT INTO presence (id, kind, org, name, geometry, radius_km, buffer_km, schedule, active_from, active_to,
       releasability, exercise, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`,
  ).get(
    p.id,
    p.kind,
    p.org,
    p.name,
    JSON.stringify(p.geometry),
    p.kind === 'checkpoint' ? p.radiusKm : null,
    p.kind === 'patrol' ? p.bufferKm : null,
    p.kind === 'patrol' && p.schedule ? JSON.stringify(p.schedule) : null,
    p.activeFrom,
    p.activeTo,
    formatReleasability(p.releasability),
    p.exercise ? 1 : 0,
    p.createdAt,
    p.updatedAt,
  ) as { rid: number };
  const [w, s, e, n] = geometryBBox(p.geometry);
  prepared(tx.db, 'INSERT INTO presence_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(
    rid,
    w,
    e,
    s,
    n,
  );
  tx.change(
    recordChange('presence', p, 'create', { action: 'presence.create', detail: { kind: p.kind, name: p.name } }),
  );
}

/** Presence records matching the filter, in id order, starting after `afterId`. */
export function queryPresence(db: Database, filter: PresenceFilter, afterId: string | null, limit: number): Presence[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.kind) {
    where.push('p.kind = ?');
    args.push(filter.kind);
  }
  if (filter.org) {
    where.push('p.org = ?');
    args.push(filter.org);
  }
  if (filter.bbox) {
    where.push(
      'p.rid IN (SELECT rid FROM presence_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
    );
    args.push(filter.bbox[0], filter.bbox[2], filter.bbox[1], filter.bbox[3]);
  }
  if (afterId) {
    where.push('p.id > ?');
    args.push(afterId);
  }
  const sql = `SELECT p.* FROM presence p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.id LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map(presenceFromRow);
}
