import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Position } from '../domain/geojson.ts';
import { type Demand, greedyMaxCover, recommendSites } from './placement.ts';
import { createProjection } from './projection.ts';

test('the textbook case: sets {1,2,3}, {4,5,6}, {1,2,4,5}, p = 2 covers 5, taking {1,2,4,5} first', () => {
  const cover = greedyMaxCover(
    [
      [1, 2, 3],
      [4, 5, 6],
      [1, 2, 4, 5],
    ],
    2,
  );
  assert.deepEqual(cover.chosen, [2, 0]);
  assert.deepEqual(cover.gains, [4, 1]);
  assert.equal(cover.total, 5);
});

/** Plain greedy, recomputing every gain every round: the reference CELF must match. */
function plainGreedy(sets: number[][], p: number, weight: number[]) {
  const covered = new Set<number>();
  const chosen: number[] = [];
  for (let round = 0; round < p; round++) {
    let best = -1;
    let bestGain = 0;
    sets.forEach((s, i) => {
      const gain = [...new Set(s)].filter((e) => !covered.has(e)).reduce((a, e) => a + weight[e], 0);
      if (gain > bestGain) [best, bestGain] = [i, gain];
    });
    if (best < 0) break;
    chosen.push(best);
    for (const e of sets[best]) covered.add(e);
  }
  return chosen;
}

test('lazy evaluation (CELF) chooses exactly what plain greedy chooses', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: 19 }), { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 20, maxLength: 20 }),
      fc.integer({ min: 1, max: 6 }),
      (sets, weight, p) => {
        assert.deepEqual(greedyMaxCover(sets, p, weight).chosen, plainGreedy(sets, p, weight));
      },
    ),
    { numRuns: 300 },
  );
});

const projection = createProjection(44.5, 35.5);
const demand = (id: string, at: Position, extra: Partial<Demand> = {}): Demand => ({
  id,
  lon: at[0],
  lat: at[1],
  ...extra,
});
// Three incidents around A, two around B (about 11 km east).
const A: Position = [44.5, 35.5];
const B: Position = [44.62, 35.5];
const incidents = [
  demand('a1', A, { time: '2026-01-01T00:00:00.000Z' }),
  demand('a2', [44.501, 35.5], { time: '2026-01-01T00:00:00.000Z' }),
  demand('a3', [44.5, 35.501], { time: '2026-01-01T00:00:00.000Z' }),
  demand('b1', B, { time: '2026-03-01T00:00:00.000Z' }),
  demand('b2', [44.621, 35.5], { time: '2026-03-01T00:00:00.000Z' }),
];

test('sites go where the most incident weight lies within reach, with the marginal gain of each', () => {
  const rec = recommendSites(incidents, [A, B], projection, { count: 3, radiusKm: 2 });
  assert.deepEqual(
    rec.sites.map((s) => [s.lon, s.lat, s.gain, s.incidents]),
    [
      [...A, 3, 3],
      [...B, 2, 2],
    ],
  );
  assert.equal(rec.total_gain, 5);
  assert.equal(rec.covered_share, 1);
});

test('recency weighting halves the weight every half-life before asOf, which can turn the order round', () => {
  const rec = recommendSites(incidents, [A, B], projection, {
    count: 1,
    radiusKm: 2,
    halfLifeDays: 15,
    asOf: '2026-03-01T00:00:00.000Z',
  });
  // A's incidents are 59 days old: 3 × 0.5^(59/15) ≈ 0.2 < 2.
  assert.deepEqual([rec.sites[0].lon, rec.sites[0].lat], B);
  assert.ok(Math.abs(rec.demand_weight - (2 + 3 * 0.5 ** (59 / 15))) < 1e-12);
  assert.throws(() => recommendSites(incidents, [A], projection, { halfLifeDays: 10 }), /asOf/);
});

test('preferCorridors: a site cutting a corridor earns its bonus once', () => {
  const corridor = { id: 'corridor-1', at: B, widthKm: 1 };
  const plain = recommendSites(incidents, [A, B], projection, { count: 1, radiusKm: 2 }, [corridor]);
  assert.deepEqual([plain.sites[0].lon, plain.sites[0].lat], A);
  const preferred = recommendSites(
    incidents,
    [A, B],
    projection,
    { count: 2, radiusKm: 2, preferCorridors: true, corridorBonus: 0.5 },
    [corridor],
  );
  // B covers 2 + a bonus of 0.5 × 3 (the best single site's weight) = 3.5 > 3.
  assert.deepEqual([preferred.sites[0].lon, preferred.sites[0].lat], B);
  assert.deepEqual(preferred.sites[0].corridors, ['corridor-1']);
  assert.equal(preferred.sites[0].gain, 2);
  assert.deepEqual(preferred.sites[1].corridors, []);
});

test('bad options are refused with the field', () => {
  assert.throws(() => recommendSites([], [], projection, { radiusKm: 0 }), /radiusKm/);
  assert.throws(() => recommendSites([], [], projection, { count: -1 }), /count/);
  assert.deepEqual(recommendSites([], [A], projection).sites, []);
});
