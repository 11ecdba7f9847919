import Flatbush from 'flatbush';
import type { LineString, Point, Polygon, Position } from '../domain/geojson.ts';
import { distanceKm } from './distance.ts';
import { pointInAreal } from './point-in-polygon.ts';

const kmPerDegree = 111.195;

/** Something that covers ground for a while: a checkpoint (radius), a patrol route (buffer) or a unit's AOR. */
export interface CoverageItem {
  id: string;
  org: string;
  name: string;
  kind: 'checkpoint' | 'patrol' | 'unit_aor';
  geometry: Point | LineString | Polygon;
  /** Coverage radius of a checkpoint or buffer of a patrol route, km; 0 for an AOR. */
  km: number;
  activeFrom: string;
  activeTo: string | null;
}

export interface NearestOfOrg {
  org: string;
  id: string;
  name: string;
  km: number;
}

/** Answers "is this point covered at this time" and "which checkpoint of each organisation is nearest". */
export interface PresenceIndex {
  covered(lon: number, lat: number, time: string): boolean;
  nearestCheckpoints(lon: number, lat: number, time: string): NearestOfOrg[];
}

function activeAt(item: CoverageItem, time: string): boolean {
  return item.activeFrom <= time && (item.activeTo === null || time < item.activeTo);
}

/**
 * Distance in km from a point to a polyline, in a local equirectangular frame around the point:
 * within 0.1% of the great-circle distance at the tens of kilometres coverage is measured over.
 */
export function distanceToLineKm(p: Position, line: Position[]): number {
  const cos = Math.cos((p[1] * Math.PI) / 180);
  const xy = (q: Position): [number, number] => [(q[0] - p[0]) * cos * kmPerDegree, (q[1] - p[1]) * kmPerDegree];
  let best = Infinity;
  for (let k = 1; k < line.length; k++) {
    const [ax, ay] = xy(line[k - 1]);
    const [bx, by] = xy(line[k]);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return line.length === 1 ? Math.hypot(...xy(line[0])) : best;
}

function coversPoint(item: CoverageItem, p: Position): boolean {
  switch (item.geometry.type) {
    case 'Point':
      return distanceKm(p, item.geometry.coordinates) <= item.km;
    case 'LineString':
      return distanceToLineKm(p, item.geometry.coordinates) <= item.km;
    case 'Polygon':
      return pointInAreal(p, item.geometry);
  }
}

function boxOf(item: CoverageItem): [number, number, number, number] {
  const coords =
    item.geometry.type === 'Point'
      ? [item.geometry.coordinates]
      : item.geometry.type === 'LineString'
        ? item.geometry.coordinates
        : item.geometry.coordinates[0];
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const dLat = item.km / kmPerDegree;
  const dLon = item.km / (kmPerDegree * Math.max(Math.cos((Math.max(Math.abs(s), Math.abs(n)) * Math.PI) / 180), 0.01));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/** Builds the coverage and nearest-checkpoint index over presence records. */
export function buildPresenceIndex(items: readonly CoverageItem[]): PresenceIndex {
  const all = new Flatbush(Math.max(items.length, 1));
  for (const item of items) all.add(...boxOf(item));
  if (items.length === 0) all.add(0, 0, 0, 0);
  all.finish();

  // Checkpoints per organisation, in a frame where a degree of longitude is scaled to its width at
  // the checkpoints' mean latitude, so nearest-by-index is nearest-by-distance to within a fraction.
  const checkpoints = items.filter((i) => i.kind === 'checkpoint');
  const meanLat =
    checkpoints.reduce((sum, c) => sum + (c.geometry as Point).coordinates[1], 0) / Math.max(checkpoints.length, 1);
  const scale = Math.cos((meanLat * Math.PI) / 180);
  const byOrg = new Map<string, { index: Flatbush; items: CoverageItem[] }>();
  for (const org of new Set(checkpoints.map((c) => c.org))) {
    const own = checkpoints.filter((c) => c.org === org);
    const index = new Flatbush(own.length);
    for (const c of own) {
      const [x, y] = (c.geometry as Point).coordinates;
      index.add(x * scale, y, x * scale, y);
    }
    index.finish();
    byOrg.set(org, { index, items: own });
  }

  return {
    covered(lon, lat, time) {
      if (items.length === 0) return false;
      return all.search(lon, lat, lon, lat).some((k) => activeAt(items[k], time) && coversPoint(items[k], [lon, lat]));
    },
    nearestCheckpoints(lon, lat, time) {
      const out: NearestOfOrg[] = [];
      for (const [org, { index, items: own }] of [...byOrg].sort(([a], [b]) => a.localeCompare(b))) {
        const candidates = index.neighbors(lon * scale, lat, 8, Infinity, (k) => activeAt(own[k], time));
        let best: NearestOfOrg | null = null;
        for (const k of candidates) {
          const km = distanceKm([lon, lat], (own[k].geometry as Point).coordinates);
          if (!best || km < best.km) best = { org, id: own[k].id, name: own[k].name, km: Math.round(km * 1000) / 1000 };
        }
        if (best) out.push(best);
      }
      return out;
    },
  };
}
