import Flatbush from 'flatbush';
import type { ActivityArea } from '../domain/activity.ts';
import type { ActivityHit, AlertAreas, CorridorHit, NearHit } from '../domain/alerts.ts';
import type { Polygon, Position } from '../domain/geojson.ts';
import type { PresenceKind } from '../domain/presence.ts';
import { areaFootprint, type Footprint, footprintBBox, footprintDistance } from './activity-area.ts';
import { distanceKm } from './distance.ts';
import { pointInAreal } from './point-in-polygon.ts';
import { type CoverageItem, distanceToLineKm } from './presence-index.ts';

const kmPerDegree = 111.195;

/** An incident_near rule as its geometry needs it. */
export interface NearRuleArea {
  id: string;
  org: string;
  radiusKm: number;
  presenceKinds: readonly PresenceKind[];
}

/** An incident_in_corridor rule as its geometry needs it. */
export interface CorridorRuleArea {
  id: string;
  org: string;
}

/** A current corridor of one organisation's gap analysis: the gap polygon that crosses the zone. */
export interface OrgCorridor {
  org: string;
  id: string;
  gapAreaKm2: number;
  polygon: Polygon;
}

/** An incident_near_activity rule as its geometry needs it. */
export interface ActivityRuleArea {
  id: string;
  org: string;
  radiusKm: number;
}

/** An open (not done or cancelled) planned activity of the organisations owning it, with its occurrences in epoch ms. */
export interface AlertActivity {
  id: string;
  orgs: readonly string[];
  kind: string;
  unit: string;
  area: ActivityArea;
  occurrences: ReadonlyArray<readonly [number, number]>;
}

/** What the rules' geometry is built from: the rules, each organisation's own presence, corridors and planned activities. */
export interface AlertAreaInput {
  nearRules: readonly NearRuleArea[];
  corridorRules: readonly CorridorRuleArea[];
  presence: readonly CoverageItem[];
  corridors: readonly OrgCorridor[];
  activityRules?: readonly ActivityRuleArea[];
  activities?: readonly AlertActivity[];
  /** How far before or after an occurrence an incident still counts as during it (ms). */
  activityMarginMs?: number;
}

/** Whether an incident's time falls in an occurrence of the activity widened by the margin. */
function runningAt(a: AlertActivity, t: number, marginMs: number): boolean {
  return a.occurrences.some(([s, e]) => t >= s - marginMs && t <= e + marginMs);
}

const pointFootprint = (lon: number, lat: number): Footprint => ({
  core: { type: 'Point', coordinates: [lon, lat] },
  reachKm: 0,
});

/** Each rule's nearest activity of its organisation within its radius: the activities given are already those running then. */
function activityHits(
  lon: number,
  lat: number,
  rules: readonly ActivityRuleArea[],
  activities: ReadonlyArray<{ a: AlertActivity; footprint: Footprint }>,
): ActivityHit[] {
  if (rules.length === 0 || activities.length === 0) return [];
  const measure = footprintDistance([lon, lat]);
  const here = pointFootprint(lon, lat);
  const measured = activities.map(({ a, footprint }) => ({ a, km: measure(here, footprint) }));
  const hits: ActivityHit[] = [];
  for (const rule of rules) {
    let best: { a: AlertActivity; km: number } | undefined;
    for (const m of measured) {
      if (!m.a.orgs.includes(rule.org) || m.km > rule.radiusKm) continue;
      if (!best || m.km < best.km || (m.km === best.km && m.a.id < best.a.id)) best = m;
    }
    if (best)
      hits.push({
        ruleId: rule.id,
        activityId: best.a.id,
        activityKind: best.a.kind,
        activityUnit: best.a.unit,
        distanceKm: Math.round(best.km * 1000) / 1000,
      });
  }
  return hits.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

function activeAt(item: CoverageItem, time: string): boolean {
  return item.activeFrom <= time && (item.activeTo === null || time < item.activeTo);
}

/** Distance in km from a point to a presence record's footprint (circle, buffered route, area): 0 inside. */
export function footprintDistanceKm(p: Position, item: CoverageItem): number {
  switch (item.geometry.type) {
    case 'Point':
      return Math.max(0, distanceKm(p, item.geometry.coordinates) - item.km);
    case 'LineString':
      return Math.max(0, distanceToLineKm(p, item.geometry.coordinates) - item.km);
    case 'Polygon': {
      if (pointInAreal(p, item.geometry)) return 0;
      return Math.min(...item.geometry.coordinates.map((ring) => distanceToLineKm(p, ring)));
    }
  }
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function coordsOf(g: CoverageItem['geometry'] | Polygon): Position[] {
  return g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates[0];
}

/** The lon/lat box of some positions grown by `km` on every side. */
function grownBox(coords: readonly Position[], km: number): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const dLat = km / kmPerDegree;
  const cos = Math.max(Math.cos((Math.min(89, Math.max(Math.abs(s), Math.abs(n)) + dLat) * Math.PI) / 180), 0.01);
  const dLon = km / (kmPerDegree * cos);
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

function finished<T>(items: readonly T[], box: (item: T) => [number, number, number, number]): Flatbush {
  const index = new Flatbush(Math.max(items.length, 1));
  for (const item of items) index.add(...box(item));
  if (items.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** A presence record at a distance (km, unrounded). */
interface Near {
  item: CoverageItem;
  km: number;
}

/** Nearer first; at the same distance, the lower id. */
function nearer(a: Near, b: Near | undefined): boolean {
  return !b || a.km < b.km || (a.km === b.km && a.item.id < b.item.id);
}

function hit(ruleId: string, n: Near): NearHit {
  return { ruleId, presenceId: n.item.id, presenceName: n.item.name, presenceKind: n.item.kind, distanceKm: r3(n.km) };
}

/**
 * The rules' geometry indexed for point queries: each presence record of an organisation with
 * incident_near rules, boxed by its footprint grown by the widest radius of those rules, in one
 * packed R-tree; each organisation's corridors in another. A query touches only the presence and
 * corridors whose boxes hold the point, and only the rules of their organisation.
 */
export function buildAlertAreas(input: AlertAreaInput): AlertAreas {
  const nearByOrg = groupBy(
    [...input.nearRules].sort((a, b) => b.radiusKm - a.radiusKm),
    (r) => r.org,
  );
  const presence = input.presence.filter((p) => nearByOrg.has(p.org));
  const presenceIndex = finished(presence, (p) =>
    grownBox(coordsOf(p.geometry), p.km + (nearByOrg.get(p.org)?.[0].radiusKm ?? 0)),
  );
  const corridorRulesByOrg = groupBy(input.corridorRules, (r) => r.org);
  const corridors = input.corridors.filter((c) => corridorRulesByOrg.has(c.org));
  const corridorIndex = finished(corridors, (c) => grownBox(coordsOf(c.polygon), 0));
  const activityRules = input.activityRules ?? [];
  const widest = new Map<string, number>();
  for (const r of activityRules) widest.set(r.org, Math.max(widest.get(r.org) ?? 0, r.radiusKm));
  const activities = (input.activities ?? [])
    .filter((a) => a.orgs.some((o) => widest.has(o)))
    .map((a) => ({ a, footprint: areaFootprint(a.area) }));
  const activityIndex = finished(activities, ({ a, footprint }) => {
    const [w, s, e, n] = footprintBBox(footprint, Math.max(...a.orgs.map((o) => widest.get(o) ?? 0)));
    return [w, s, e, n];
  });
  const marginMs = input.activityMarginMs ?? 0;

  return {
    nearActivity(lon, lat, time) {
      if (activities.length === 0) return [];
      const t = Date.parse(time);
      const running = activityIndex
        .search(lon, lat, lon, lat)
        .map((k) => activities[k])
        .filter(({ a }) => runningAt(a, t, marginMs));
      return activityHits(lon, lat, activityRules, running);
    },
    near(lon, lat, time) {
      if (presence.length === 0) return [];
      // The nearest presence of each kind of each organisation; then each rule of the organisation
      // takes the nearest of its kinds: work in the candidates plus the rules, not their product.
      const nearest = new Map<string, Map<PresenceKind, Near>>();
      for (const k of presenceIndex.search(lon, lat, lon, lat)) {
        const item = presence[k];
        if (!activeAt(item, time)) continue;
        const n = { item, km: footprintDistanceKm([lon, lat], item) };
        const byKind = nearest.get(item.org) ?? new Map<PresenceKind, Near>();
        nearest.set(item.org, byKind);
        if (nearer(n, byKind.get(item.kind))) byKind.set(item.kind, n);
      }
      const hits: NearHit[] = [];
      for (const [org, byKind] of nearest) {
        for (const rule of nearByOrg.get(org) ?? []) {
          let best: Near | undefined;
          for (const kind of rule.presenceKinds) {
            const n = byKind.get(kind);
            if (n && nearer(n, best)) best = n;
          }
          if (best && best.km <= rule.radiusKm) hits.push(hit(rule.id, best));
        }
      }
      return hits.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    },
    inCorridor(lon, lat) {
      if (corridors.length === 0) return [];
      const hits: CorridorHit[] = [];
      for (const k of corridorIndex.search(lon, lat, lon, lat).sort((a, b) => a - b)) {
        const c = corridors[k];
        if (!pointInAreal([lon, lat], c.polygon)) continue;
        for (const rule of corridorRulesByOrg.get(c.org) ?? []) {
          if (!hits.some((h) => h.ruleId === rule.id))
            hits.push({ ruleId: rule.id, corridorId: c.id, gapAreaKm2: c.gapAreaKm2 });
        }
      }
      return hits.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    },
  };
}

/**
 * The same answers as `buildAlertAreas` without an index: every rule against every presence
 * record and corridor of its organisation. The reference the index is tested and measured against.
 */
export function scanAlertAreas(input: AlertAreaInput): AlertAreas {
  return {
    nearActivity(lon, lat, time) {
      const t = Date.parse(time);
      const running = (input.activities ?? [])
        .filter((a) => runningAt(a, t, input.activityMarginMs ?? 0))
        .map((a) => ({ a, footprint: areaFootprint(a.area) }));
      return activityHits(lon, lat, input.activityRules ?? [], running);
    },
    near(lon, lat, time) {
      const hits: NearHit[] = [];
      for (const rule of input.nearRules) {
        let best: Near | undefined;
        for (const item of input.presence) {
          if (item.org !== rule.org || !activeAt(item, time) || !rule.presenceKinds.includes(item.kind)) continue;
          const n = { item, km: footprintDistanceKm([lon, lat], item) };
          if (n.km <= rule.radiusKm && nearer(n, best)) best = n;
        }
        if (best) hits.push(hit(rule.id, best));
      }
      return hits.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    },
    inCorridor(lon, lat) {
      const hits: CorridorHit[] = [];
      for (const rule of input.corridorRules) {
        const c = input.corridors.find((c) => c.org === rule.org && pointInAreal([lon, lat], c.polygon));
        if (c) hits.push({ ruleId: rule.id, corridorId: c.id, gapAreaKm2: c.gapAreaKm2 });
      }
      return hits.sort((a, b) => a.ruleId.localeCompare(b.ruleId));
    },
  };
}
