import { accessFacts } from '../access/facts.ts';
import { incidentVisibility, tearlineLocation } from '../access/incident.ts';
import type { AccessFacts, Visibility } from '../access/policy.ts';
import { invalid } from '../domain/errors.ts';
import type { BBox } from '../domain/geojson.ts';
import type { IncidentPoint } from '../domain/incident-point.ts';
import { parseReleasability } from '../domain/releasability.ts';
import { inBox } from '../geo/bbox.ts';
import type { IncidentFilter, IncidentPointRow } from '../store/incidents.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { tearlineGridKm, tearlineMatches, widenedForTearlines } from './incident-reads.ts';

export type { IncidentPoint } from '../domain/incident-point.ts';

export interface PointsQuery {
  since?: string;
  until?: string;
  types?: string[];
  bbox?: BBox;
}

export interface IncidentPoints {
  points: IncidentPoint[];
  /** More points matched than the limit allowed. */
  truncated: boolean;
  /**
   * The change-log position read before the points: a live stream resumed from it misses no change the points
   * do not hold (one committed in between may come twice, once in each).
   */
  seq: number;
}

export const defaultPointsWindowDays = 30;
export const defaultPointsLimit = 100_000;
export const maxPointsLimit = 200_000;

const dayMs = 86_400_000;

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * The access policy over point rows. Whether an organisation may see a row depends only on its
 * owner, releasability, JCC and tearline releasability, of which a site has few combinations:
 * each combination is put to `incidentVisibility` once and its answer reused.
 */
function visibilityOfRows(actor: Actor, facts: AccessFacts): (r: IncidentPointRow) => Visibility {
  const known = new Map<string, Visibility>();
  return (r) => {
    const key = `${r.ownerOrg}\u0000${r.releasability}\u0000${r.jcc ?? ''}\u0000${r.tearlineReleasability ?? ''}`;
    let v = known.get(key);
    if (v === undefined) {
      v = incidentVisibility(
        actor,
        {
          ownerOrg: r.ownerOrg,
          releasability: parseReleasability(r.releasability),
          jcc: r.jcc,
          tearline:
            r.tearlineReleasability === null ? null : { releasability: parseReleasability(r.tearlineReleasability) },
        },
        facts,
      );
      known.set(key, v);
    }
    return v;
  };
}

function recordPoint(r: IncidentPointRow, f: IncidentFilter): IncidentPoint | null {
  // A row read for the wider tearline window is shown whole only if it matches the exact filter.
  if ((f.since && r.time < f.since) || (f.until && r.time >= f.until)) return null;
  if (f.bbox && !inBox(r.lon, r.lat, f.bbox)) return null;
  return {
    id: r.id,
    lon: round5(r.lon),
    lat: round5(r.lat),
    type: r.type,
    casualties: r.casualties,
    tearline: false,
    time: r.time,
    org: r.ownerOrg,
  };
}

/** Only what a tearline shows: its snapped location and day, no owner; matched on those alone. */
function tearlinePoint(r: IncidentPointRow, f: IncidentFilter, gridKm: number): IncidentPoint | null {
  const location = tearlineLocation(r.lon, r.lat, gridKm);
  const date = r.time.slice(0, 10);
  if (!tearlineMatches(date, location, f)) return null;
  return {
    id: r.id,
    lon: location[0],
    lat: location[1],
    type: r.type,
    casualties: r.casualties,
    tearline: true,
    time: date,
    org: null,
  };
}

/**
 * The incidents in a window (by default the 30 days before now) the actor may see, newest first,
 * as compact map points: whole records at their location, tearlines at their snapped location and
 * day with no owner, exactly as a list of incidents would match and show them.
 */
export async function incidentPoints(
  store: Store,
  actor: Actor,
  query: PointsQuery,
  limit: number,
): Promise<IncidentPoints> {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPointsLimit)
    throw invalid('limit', `must be an integer from 1 to ${maxPointsLimit}`);
  const until = query.until ?? store.now().toISOString();
  const since = query.since ?? new Date(Date.parse(until) - defaultPointsWindowDays * dayMs).toISOString();
  if (since >= until) throw invalid('since', 'must be before until');
  const filter: IncidentFilter = { since, until, types: query.types, bbox: query.bbox };
  const seq = await store.changeLog.lastSeq();
  const gridKm = await tearlineGridKm(store);
  const seen = visibilityOfRows(actor, await accessFacts(store));
  const points: IncidentPoint[] = [];
  let truncated = false;
  await store.incidents.scanPoints(filter, widenedForTearlines(filter, gridKm), (r) => {
    const v = seen(r);
    const point = v === 'record' ? recordPoint(r, filter) : v === 'tearline' ? tearlinePoint(r, filter, gridKm) : null;
    if (point === null) return true;
    // One matching point past the limit proves the answer is cut short; it is not returned.
    if (points.length === limit) {
      truncated = true;
      return false;
    }
    points.push(point);
    return true;
  });
  return { points, truncated, seq };
}
