import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellsToMultiPolygon, gridDisk, latLngToCell } from 'h3-js';
import { createRandom } from '../demo/random.ts';
import type { MultiPolygon, Polygon, Position } from '../domain/geojson.ts';
import { h3StudyArea } from './h3-study-area.ts';
import { computeHotspots, hotspots, type WeightedPoint } from './hotspots.ts';

const centre = latLngToCell(35.5, 44.5, 8);
/** A zone that is exactly a cell and its ring: the study area is those seven cells. */
const seven: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: cellsToMultiPolygon(gridDisk(centre, 1), true) as Position[][][],
};

test('Gi* on seven H3 cells, computed by hand', () => {
  // Six incidents in the centre: n = 7, mean 6/7, S = √216/7. The centre's neighbourhood is everything (z = 0);
  // each ring cell: (6 − 4·6/7) / (S·√((7·4 − 16)/6)) = 18/√432 = √3/2.
  const points: WeightedPoint[] = Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, lon: 44.5, lat: 35.5 }));
  const h = hotspots(h3StudyArea(seven, 8, 1), points, { minPoints: 0, includeCells: true });
  assert.equal(h.study_cells, 7);
  assert.equal(h.points_used, 6);
  assert.equal(h.cells?.length, 7);
  for (const c of h.cells ?? []) {
    const expected = c.h3 === centre ? 0 : Math.sqrt(3) / 2;
    assert.ok(Math.abs(c.z - expected) < 1e-12, `${c.h3}: ${c.z}`);
    assert.equal(c.w, c.h3 === centre ? 7 : 4);
  }
  // Nothing is significant with seven cells.
  assert.equal(h.hot_cells, 0);
});

/** A square zone about 30 km across around (44.5, 35.5). */
const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [44.33, 35.36],
      [44.67, 35.36],
      [44.67, 35.64],
      [44.33, 35.64],
      [44.33, 35.36],
    ],
  ],
};

function uniform(seed: number, n: number): WeightedPoint[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => ({ id: `u${i}`, lon: r.range(44.33, 44.67), lat: r.range(35.36, 35.64) }));
}

test('a tight cluster over uniform noise is one hot region around it, in the gap it lies in', () => {
  const r = createRandom(7);
  const cluster = Array.from({ length: 60 }, (_, i) => ({
    id: `c${i}`,
    lon: 44.5 + r.normal(0, 0.004),
    lat: 35.5 + r.normal(0, 0.004),
  }));
  const inGap = (p: Position) => Math.hypot(p[0] - 44.5, p[1] - 35.5) < 0.05;
  const h = computeHotspots(square, [...uniform(1, 300), ...cluster], {}, inGap);
  assert.ok(h.regions.length >= 1);
  const top = h.regions[0];
  assert.ok(
    top.cells.some((c) => c.h3 === centre),
    'the cluster centre is hot',
  );
  assert.ok(top.weight >= 50, `${top.weight}`);
  assert.ok(top.cells.every((c) => c.q <= 0.05 && c.z > 0));
  assert.equal(top.in_gap, true);
  assert.ok(top.gap_share > 0.5);
  assert.equal(top.outline.type, 'MultiPolygon');
});

test('uniform noise alone gives no hot cells after false-discovery control', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const h = computeHotspots(square, uniform(seed, 400));
    assert.equal(h.p_values, 'randomization');
    assert.equal(h.hot_cells, 0, `seed ${seed}`);
    assert.equal(h.points_used + h.points_outside_cells, 400);
  }
});

test('normal p-values, as Gi* is often read, call chance neighbours hot on sparse counts', () => {
  // 0.3 incidents a cell: the normal tail is far thinner than the true one, so some seeds give false hot cells.
  const falseHot = [1, 2, 3].map(
    (seed) => computeHotspots(square, uniform(seed, 400), { pValues: 'normal' }).hot_cells,
  );
  assert.ok(
    falseHot.some((n) => n > 0),
    `${falseHot}`,
  );
});

test('too few points: nothing is called hot', () => {
  const h = computeHotspots(square, uniform(1, 10));
  assert.equal(h.too_few_points, true);
  assert.equal(h.hot_cells, 0);
  assert.throws(() => computeHotspots(square, [], { q: 0 }), /hotspots.q/);
});
