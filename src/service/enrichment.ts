import { latLngToCell } from 'h3-js';
import { duplicateWindow, type Enrichment } from '../domain/enrichment.ts';
import type { Areal } from '../domain/geojson.ts';
import type { Incident } from '../domain/incident.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { RecordType } from '../domain/records/registry.ts';
import { distanceKm } from '../geo/distance.ts';
import { type LineLocator, lineLocator } from '../geo/line-side.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { buildPresenceIndex, type PresenceIndex } from '../geo/presence-index.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import { type BoundaryIndex, boundaryIndex } from './boundary-index.ts';
import { coverageSourceOf } from './presence.ts';

/** H3 resolution incidents are indexed at. */
export const h3Resolution = 8;

/** Everything enrichment needs to know about the site, loaded once and reused for many incidents. */
export interface EnrichmentContext {
  boundaries: BoundaryIndex;
  jccs: Array<Pick<Jcc, 'code' | 'aor'>>;
  line: { locator: LineLocator; leftOrg: string; rightOrg: string; zone: Areal } | null;
  presence: PresenceIndex;
}

/** Record types whose changes alter enrichment (boundaries are tracked by their own index). */
const contextTypes: RecordType[] = ['jcc', 'coordination_line', 'presence'];

/** Reads the context as `reads` see it (a transaction's: with what it wrote so far). */
export async function loadEnrichmentContext(
  reads: Pick<ReadRepositories, 'lines' | 'presence' | 'jccs'>,
  boundaries: BoundaryIndex,
): Promise<EnrichmentContext> {
  const line = (await reads.lines.list())[0] ?? null;
  const presence = await reads.presence.query({}, null, 1_000_000);
  return {
    boundaries,
    jccs: (await reads.jccs.list()).map((j) => ({ code: j.code, aor: j.aor })),
    line: line && { locator: lineLocator(line.line), leftOrg: line.leftOrg, rightOrg: line.rightOrg, zone: line.zone },
    presence: buildPresenceIndex(presence.map(coverageSourceOf)),
  };
}

const cache = new WeakMap<Store, { version: number; context: EnrichmentContext }>();

/** The enrichment context of a store, reloaded when the line, an AOR or presence changed since. */
export async function enrichmentContext(store: Store): Promise<EnrichmentContext> {
  const version = await store.changeLog.lastSeqOf(contextTypes);
  const hit = cache.get(store);
  const boundaries = await boundaryIndex(store);
  if (hit && hit.version === version && hit.context.boundaries === boundaries) return hit.context;
  const context = await loadEnrichmentContext(store, boundaries);
  cache.set(store, { version, context });
  return context;
}

export interface Enriched {
  jcc: string | null;
  enrichment: Enrichment;
}

/**
 * Works out everything derived from an incident's place, time and type. `reads` are the
 * transaction's when it writes the incident, so an earlier incident of the same batch counts as
 * what it may duplicate.
 */
export async function enrich(
  reads: Pick<ReadRepositories, 'incidents'>,
  ctx: EnrichmentContext,
  i: Pick<Incident, 'id' | 'lon' | 'lat' | 'time' | 'type'>,
): Promise<Enriched> {
  const p: [number, number] = [i.lon, i.lat];
  const governorate = ctx.boundaries.lookup(1).locate(i.lon, i.lat);
  const district = ctx.boundaries.lookup(2).locate(i.lon, i.lat);
  let lineSide: string | null = null;
  let lineDistanceKm: number | null = null;
  let inZone: boolean | null = null;
  let inGap: boolean | null = null;
  if (ctx.line) {
    const placed = ctx.line.locator.locate(p);
    lineDistanceKm = Math.round(placed.signedKm * 1000) / 1000;
    lineSide = placed.signedKm >= 0 ? ctx.line.leftOrg : ctx.line.rightOrg;
    inZone = pointInAreal(p, ctx.line.zone);
    inGap = inZone && !ctx.presence.covered(i.lon, i.lat, i.time);
  }
  return {
    jcc: ctx.jccs.find((j) => pointInAreal(p, j.aor))?.code ?? null,
    enrichment: {
      governorate: governorate && { name: governorate.name, pcode: governorate.pcode },
      district: district && { name: district.name, pcode: district.pcode },
      lineSide,
      lineDistanceKm,
      inZone,
      inGap,
      nearestCheckpoints: ctx.presence.nearestCheckpoints(i.lon, i.lat, i.time),
      h3: latLngToCell(i.lat, i.lon, h3Resolution),
      suspectedDuplicateOf: await suspectedDuplicate(reads, i),
    },
  };
}

/** The earliest incident stored before this one, of the same type, within 2 km and 6 hours; or null. */
async function suspectedDuplicate(
  reads: Pick<ReadRepositories, 'incidents'>,
  i: Pick<Incident, 'id' | 'lon' | 'lat' | 'time' | 'type'>,
): Promise<string | null> {
  const t = Date.parse(i.time);
  const span = duplicateWindow.hours * 3_600_000;
  const dLat = duplicateWindow.km / 111.195;
  const dLon = duplicateWindow.km / (111.195 * Math.max(Math.cos((i.lat * Math.PI) / 180), 0.01));
  const near = await reads.incidents.near({
    type: i.type,
    from: new Date(t - span).toISOString(),
    to: new Date(t + span).toISOString(),
    bbox: [i.lon - dLon, i.lat - dLat, i.lon + dLon, i.lat + dLat],
    before: i.id,
  });
  return near.find((n) => distanceKm([n.lon, n.lat], [i.lon, i.lat]) <= duplicateWindow.km)?.id ?? null;
}
