import type { Activity, Conflict } from '../../domain/activity.ts';
import { activitySpan } from '../../domain/activity.ts';
import { parseReleasability } from '../../domain/releasability.ts';
import { areaFootprint, footprintBBox } from '../../geo/activity-area.ts';
import type {
  ActivityFilter,
  CandidateQuery,
  DeconflictionCandidates,
  IncidentCandidateRow,
  RecordSharing,
} from '../activities.ts';
import { conflictKey } from '../activities.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import { presenceFromRow } from './presence.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

const hourMs = 3_600_000;
/** States in which an activity has been announced and not yet finished: what deconfliction compares with. */
const announced = "('notified', 'acknowledged', 'conflict_raised', 'under_way')";

function row(a: Activity): Array<string | number | null> {
  const [, last] = activitySpan(a);
  return [
    a.id,
    a.ownerOrgs[0],
    JSON.stringify(a.ownerOrgs),
    a.kind,
    a.state,
    a.start,
    new Date(last).toISOString(),
    a.jcc,
    a.releasability.scope === 'group' ? `group:${a.releasability.group}` : a.releasability.scope,
    JSON.stringify(a),
    a.version,
    a.createdAt,
    a.updatedAt,
  ];
}

/** The prefilter's entry: the area's box grown by its reach, and the hours from first start to last end. */
function indexEntry(a: Activity): number[] {
  const [w, s, e, n] = footprintBBox(areaFootprint(a.area));
  const [from, to] = activitySpan(a);
  return [w, e, s, n, from / hourMs, to / hourMs];
}

const columns =
  'id, owner_org, owner_orgs, kind, state, start, end_at, jcc, releasability, data, version, created_at, updated_at';

/** Writes a new activity, its prefilter entry, its change-log entry and its audit entry. */
export function insertActivity(tx: SqliteTx, a: Activity, audit: { action: string; detail?: unknown }): void {
  const { rid } = prepared(
    tx.db,
    `INSERT INTO activities (${columns}) VALUES (${columns
      .split(',')
      .map(() => '?')
      .join(', ')}) RETURNING rid`,
  ).get(...row(a)) as { rid: number };
  prepared(
    tx.db,
    'INSERT INTO activities_rtree (rid, min_lon, max_lon, min_lat, max_lat, min_h, max_h) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(rid, ...indexEntry(a));
  tx.change(recordChange('activity', a, 'create', audit));
}

/** Writes a changed activity (its version already raised), its prefilter entry, change-log and audit entries. */
export function updateActivity(tx: SqliteTx, a: Activity, audit: { action: string; detail?: unknown }): void {
  const [id, ...rest] = row(a);
  const set = columns
    .split(', ')
    .slice(1)
    .map((c) => `${c} = ?`)
    .join(', ');
  const { rid } = prepared(tx.db, `UPDATE activities SET ${set} WHERE id = ? RETURNING rid`).get(...rest, id) as {
    rid: number;
  };
  prepared(
    tx.db,
    'UPDATE activities_rtree SET min_lon = ?, max_lon = ?, min_lat = ?, max_lat = ?, min_h = ?, max_h = ? WHERE rid = ?',
  ).run(...indexEntry(a), rid);
  tx.change(recordChange('activity', a, 'update', audit));
}

const fromData = (r: Record<string, unknown>) => JSON.parse(String(r.data)) as Activity;

export function findActivity(db: Database, id: string): Activity | null {
  const r = prepared(db, 'SELECT data FROM activities WHERE id = ?').get(id);
  return r ? fromData(r) : null;
}

/** Activities matching the filter, in id order, after `afterId`. */
export function queryActivities(db: Database, f: ActivityFilter, afterId: string | null, limit: number): Activity[] {
  const where: string[] = [];
  const args: Array<string | number> = [];
  const add = (sql: string, ...values: Array<string | number>) => {
    where.push(sql);
    args.push(...values);
  };
  if (f.state) add('a.state = ?', f.state);
  if (f.from) add('a.end_at > ?', f.from);
  if (f.to) add('a.start < ?', f.to);
  if (f.org) add('EXISTS (SELECT 1 FROM json_each(a.owner_orgs) WHERE value = ?)', f.org);
  if (f.bbox)
    add(
      'a.rid IN (SELECT rid FROM activities_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)',
      f.bbox[0],
      f.bbox[2],
      f.bbox[1],
      f.bbox[3],
    );
  if (afterId) add('a.id > ?', afterId);
  const sql = `SELECT a.data FROM activities a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map(fromData);
}

/** The prefilter of deconfliction: index searches by box and time on activities, presence and incidents. */
export function deconflictionCandidates(db: Database, q: CandidateQuery): DeconflictionCandidates {
  const [w, s, e, n] = q.bbox;
  // R*Tree keeps 32-bit floats, rounded outwards; an hour's slack on each side keeps the search a superset.
  const activities = prepared(
    db,
    `SELECT a.data FROM activities a WHERE a.state IN ${announced} AND a.rid IN (
       SELECT rid FROM activities_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?
         AND max_h >= ? AND min_h <= ?)`,
  )
    .all(w, e, s, n, q.from / hourMs - 1, q.to / hourMs + 1)
    .map(fromData);
  // Presence is indexed by its own geometry's box: grow the search by the farthest any record reaches.
  const reach = Number(
    (
      prepared(db, 'SELECT max(max(coalesce(radius_km, 0), coalesce(buffer_km, 0))) AS km FROM presence').get() as {
        km: number | null;
      }
    ).km ?? 0,
  );
  const dLat = reach / 110.5;
  const dLon = reach / (110.5 * Math.cos((Math.min(89, Math.max(Math.abs(s), Math.abs(n)) + dLat) * Math.PI) / 180));
  const presence = prepared(
    db,
    `SELECT p.* FROM presence p WHERE p.active_from < ? AND (p.active_to IS NULL OR p.active_to > ?) AND p.rid IN (
       SELECT rid FROM presence_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)`,
  )
    .all(new Date(q.to).toISOString(), new Date(q.from).toISOString(), w - dLon, e + dLon, s - dLat, n + dLat)
    .map(presenceFromRow);
  const incidents = prepared(
    db,
    `SELECT i.id, i.owner_org, i.type, i.time, i.lon, i.lat, i.jcc FROM incidents i
     WHERE i.time >= ? AND i.time <= ? AND i.rid IN (
       SELECT rid FROM incidents_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)
     LIMIT 5000`,
  )
    .all(q.incidentsFrom, q.incidentsTo, w, e, s, n)
    .map(
      (r): IncidentCandidateRow => ({
        id: String(r.id),
        ownerOrg: String(r.owner_org),
        type: String(r.type),
        time: String(r.time),
        lon: Number(r.lon),
        lat: Number(r.lat),
        jcc: r.jcc === null ? null : String(r.jcc),
      }),
    );
  return { activities, presence, incidents };
}

/** The sharing facts of the records conflicts are with, as they are now. */
export function conflictSharing(
  db: Database,
  refs: ReadonlyArray<Pick<Conflict, 'with' | 'recordId'>>,
): Map<string, RecordSharing> {
  const out = new Map<string, RecordSharing>();
  for (const ref of refs) {
    const key = conflictKey(ref);
    if (out.has(key)) continue;
    if (ref.with === 'activity') {
      const r = prepared(db, 'SELECT owner_orgs, releasability, jcc, data FROM activities WHERE id = ?').get(
        ref.recordId,
      );
      if (!r) continue;
      const a = JSON.parse(String(r.data)) as Activity;
      out.set(key, {
        ownerOrgs: a.ownerOrgs,
        releasability: a.releasability,
        jcc: a.jcc,
        tearline: a.tearline && { releasability: a.tearline.releasability },
      });
    } else if (ref.with === 'presence') {
      const r = prepared(db, 'SELECT org, releasability FROM presence WHERE id = ?').get(ref.recordId);
      if (!r) continue;
      out.set(key, {
        ownerOrgs: [String(r.org)],
        releasability: parseReleasability(String(r.releasability)),
        jcc: null,
        tearline: null,
      });
    } else {
      const r = prepared(db, 'SELECT owner_org, releasability, jcc, tearline FROM incidents WHERE id = ?').get(
        ref.recordId,
      );
      if (!r) continue;
      const tearline = r.tearline === null ? null : (JSON.parse(String(r.tearline)) as { releasability: string });
      out.set(key, {
        ownerOrgs: [String(r.owner_org)],
        releasability: parseReleasability(String(r.releasability)),
        jcc: r.jcc === null ? null : String(r.jcc),
        tearline: tearline && { releasability: parseReleasability(tearline.releasability) },
      });
    }
  }
  return out;
}

/** Notified activities (or with a concern raised) with a notification unanswered and not escalated, starting by the given time, soonest first. */
export function activitiesAwaitingAnswers(db: Database, startsBefore: string, limit: number): Activity[] {
  return prepared(
    db,
    `SELECT data FROM activities WHERE state IN ('notified', 'conflict_raised') AND start <= ?
       AND EXISTS (SELECT 1 FROM json_each(data, '$.notifications') n
         WHERE json_extract(n.value, '$.status') = 'pending' AND json_extract(n.value, '$.escalatedAt') IS NULL)
     ORDER BY start, id LIMIT ?`,
  )
    .all(startsBefore, limit)
    .map(fromData);
}
