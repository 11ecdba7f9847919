import Flatbush from 'flatbush';
import { invalid } from '../domain/errors.ts';
import type { Position } from '../domain/geojson.ts';
import { distanceKm } from './distance.ts';
import type { Projection } from './projection.ts';

/** The sets chosen by a greedy cover, the weight each added (its marginal gain), and the total. */
export interface GreedyCover {
  chosen: number[];
  gains: number[];
  total: number;
}

/**
 * Greedy maximal covering with lazy evaluation (CELF, Leskovec et al. 2007): picks up to p sets, each time the one
 * adding the most uncovered weight (the lowest index among equals), stopping early when nothing more is gained.
 * Because coverage is submodular, a set's last computed gain bounds its current one, so only the top of a priority
 * queue is recomputed; the choice is the same as plain greedy's, within (1 − 1/e) of the optimum.
 * `weight[e]` is the weight of element e (1 when absent).
 */
export function greedyMaxCover(
  sets: ReadonlyArray<ArrayLike<number>>,
  p: number,
  weight: ArrayLike<number> | null = null,
): GreedyCover {
  const w = (e: number) => (weight ? (weight[e] ?? 1) : 1);
  const increasing = (s: ArrayLike<number>) => {
    for (let i = 1; i < s.length; i++) if (!(s[i] > s[i - 1])) return false;
    return true;
  };
  const unique = sets.map((s) => (increasing(s) ? s : [...new Set(Array.from(s))]));
  const covered = new Set<number>();
  const gainOf = (s: number) => {
    let g = 0;
    const set = unique[s];
    for (let i = 0; i < set.length; i++) if (!covered.has(set[i])) g += w(set[i]);
    return g;
  };
  // A binary max-heap of [gain, set, round evaluated], ordered by gain then lower set index.
  const heap: Array<[number, number, number]> = [];
  const above = (a: [number, number, number], b: [number, number, number]) =>
    a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  const push = (item: [number, number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!above(heap[i], heap[up])) break;
      [heap[i], heap[up]] = [heap[up], heap[i]];
      i = up;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && above(heap[l], heap[m])) m = l;
        if (r < heap.length && above(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  for (let s = 0; s < sets.length; s++) push([gainOf(s), s, 0]);
  const chosen: number[] = [];
  const gains: number[] = [];
  while (chosen.length < p && heap.length) {
    const [gain, s, round] = pop();
    if (round !== chosen.length) {
      push([gainOf(s), s, chosen.length]);
      continue;
    }
    if (!(gain > 0)) break;
    chosen.push(s);
    gains.push(gain);
    const set = unique[s];
    for (let i = 0; i < set.length; i++) covered.add(set[i]);
  }
  return { chosen, gains, total: gains.reduce((a, b) => a + b, 0) };
}

/** Something to cover: an incident in a gap, with its weight and time (for recency). */
export interface Demand {
  id: string;
  lon: number;
  lat: number;
  weight?: number;
  time?: string | null;
}

/** A corridor a site may cut: a site cuts it when its disk contains the corridor's narrowest point. */
export interface CorridorTarget {
  id: string;
  at: Position;
  widthKm: number | null;
}

/** Options of `recommendSites`. */
export interface SiteOptions {
  /** How many new sites (default 5). */
  count?: number;
  /** Coverage radius of a new site, km (default 5). */
  radiusKm?: number;
  /** Halve an incident's weight every this many days before `asOf` (no recency weighting when omitted). */
  halfLifeDays?: number | null;
  /** The reference time for recency, ISO-8601 (required with halfLifeDays: geo never reads the clock). */
  asOf?: string | null;
  /**
   * Prefer sites that cut corridors: each corridor becomes one more thing to cover, worth `corridorBonus` times the
   * weight the best single site covers; a site cuts a corridor when its disk contains the corridor's narrowest
   * point. As the bonus is itself a coverage, the objective stays submodular and CELF stays exact.
   */
  preferCorridors?: boolean;
  corridorBonus?: number;
}

/** A recommended site with what it adds. */
export interface Site {
  rank: number;
  lon: number;
  lat: number;
  /** Incident weight it covers that no earlier site did (recency-weighted when asked). */
  gain: number;
  incidents: number;
  /** Corridors it cuts that no earlier site did; their bonus is not in `gain`. */
  corridors: string[];
}

/** Recommended sites, the weight they cover together and the weight there was to cover. */
export interface SiteRecommendation {
  radius_km: number;
  sites: Site[];
  total_gain: number;
  demand_weight: number;
  covered_share: number;
  undated_incidents: number;
}

const dayMs = 86_400_000;

/** Checks the options of `recommendSites`. */
export function checkSiteOptions(o: SiteOptions, field: string): void {
  if (o.count !== undefined && !(Number.isInteger(o.count) && o.count >= 0 && o.count <= 1000))
    throw invalid(`${field}.count`, 'must be an integer from 0 to 1000');
  if (o.radiusKm !== undefined && !(o.radiusKm > 0 && o.radiusKm <= 100))
    throw invalid(`${field}.radiusKm`, 'must be more than 0 and at most 100 km');
  if (o.halfLifeDays != null) {
    if (!(o.halfLifeDays > 0)) throw invalid(`${field}.halfLifeDays`, 'must be positive');
    if (!o.asOf || Number.isNaN(Date.parse(o.asOf)))
      throw invalid(`${field}.asOf`, 'an ISO-8601 reference time is needed for recency weighting');
  }
  if (o.corridorBonus !== undefined && !(o.corridorBonus >= 0 && o.corridorBonus <= 100))
    throw invalid(`${field}.corridorBonus`, 'must be from 0 to 100');
}

/**
 * Recommends new joint sites by greedy maximal covering (CELF, see `greedyMaxCover`): `count` sites of radius
 * `radiusKm` among `candidates` (lon/lat, inside the zone), maximising the total weight of `demand` within reach
 * (distances on the sphere). With `halfLifeDays`, an incident's weight is multiplied by 0.5^(age/halfLife), its age
 * taken at `asOf` (undated incidents keep their weight and are counted). `projection` is a planar frame for indexing.
 */
export function recommendSites(
  demand: readonly Demand[],
  candidates: readonly Position[],
  projection: Projection,
  options: SiteOptions = {},
  corridors: readonly CorridorTarget[] = [],
): SiteRecommendation {
  checkSiteOptions(options, 'recommendations');
  const count = options.count ?? 5;
  const radiusKm = options.radiusKm ?? 5;
  const asOf = options.asOf ? Date.parse(options.asOf) : Number.NaN;
  let undated = 0;
  const weights = demand.map((d) => {
    const w = d.weight ?? 1;
    if (options.halfLifeDays == null) return w;
    const t = d.time ? Date.parse(d.time) : Number.NaN;
    if (Number.isNaN(t)) {
      undated++;
      return w;
    }
    return w * 0.5 ** (Math.max(0, asOf - t) / dayMs / options.halfLifeDays);
  });
  const demandWeight = weights.reduce((a, b) => a + b, 0);
  const xy = demand.map((d) => projection.forward([d.lon, d.lat]));
  const index = new Flatbush(Math.max(xy.length, 1));
  for (const [x, y] of xy) index.add(x, y, x, y);
  if (xy.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  // Planar search with a margin for the projection's scale error (well under 1% over a zone), then the distance on
  // the sphere for the points near the rim.
  const r = radiusKm * 1000;
  const reach = r * 1.01;
  const sure = (r * 0.99) ** 2;
  const sets: number[][] = candidates.map((c) => {
    if (xy.length === 0) return [];
    const [x, y] = projection.forward(c);
    const near = index.search(x - reach, y - reach, x + reach, y + reach, (e) => {
      const d2 = (xy[e][0] - x) ** 2 + (xy[e][1] - y) ** 2;
      return d2 <= sure || (d2 <= reach * reach && distanceKm(c, [demand[e].lon, demand[e].lat]) <= radiusKm);
    });
    return Array.from(Int32Array.from(near).sort());
  });
  const allWeights = [...weights];
  if (options.preferCorridors && corridors.length) {
    const best = Math.max(0, ...sets.map((s) => s.reduce((sum, e) => sum + weights[e], 0)));
    const bonus = (options.corridorBonus ?? 0.5) * best;
    corridors.forEach((corridor, k) => {
      allWeights.push(bonus);
      candidates.forEach((c, s) => {
        if (distanceKm(c, corridor.at) <= radiusKm) sets[s].push(demand.length + k);
      });
    });
  }
  const cover = greedyMaxCover(sets, count, allWeights);
  const taken = new Set<number>();
  const sites = cover.chosen.map((s, rank) => {
    let gain = 0;
    let incidents = 0;
    const cut: string[] = [];
    for (const e of sets[s]) {
      if (taken.has(e)) continue;
      taken.add(e);
      if (e < demand.length) {
        gain += weights[e];
        incidents++;
      } else cut.push(corridors[e - demand.length].id);
    }
    return { rank: rank + 1, lon: candidates[s][0], lat: candidates[s][1], gain, incidents, corridors: cut };
  });
  const total = sites.reduce((a, s) => a + s.gain, 0);
  return {
    radius_km: radiusKm,
    sites,
    total_gain: total,
    demand_weight: demandWeight,
    covered_share: demandWeight > 0 ? total / demandWeight : 0,
    undated_incidents: undated,
  };
}
