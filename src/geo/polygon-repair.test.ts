import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeamError } from '../domain/errors.ts';
import type { Polygon } from '../domain/geojson.ts';
import { areaKm2 } from './polygon-ops.ts';
import { arealProblem, repairAreal } from './polygon-repair.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [44, 35],
      [44.1, 35],
      [44.1, 35.1],
      [44, 35.1],
      [44, 35],
    ],
  ],
};
// A bow-tie: two triangles meeting where the ring crosses itself at (44.05, 35.05).
const bowtie: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [44, 35],
      [44.1, 35.1],
      [44.1, 35],
      [44, 35.1],
      [44, 35],
    ],
  ],
};

test('a valid polygon is left as it is', () => {
  assert.equal(arealProblem(square), null);
  const r = repairAreal(square);
  assert.equal(r.problem, null);
  assert.deepEqual(r.geometry, square);
});

test('a self-intersecting ring is named and repaired into both lobes (even-odd)', () => {
  assert.match(arealProblem(bowtie) ?? '', /crosses itself/);
  const r = repairAreal(bowtie, 'zone');
  assert.match(r.problem ?? '', /crosses itself/);
  assert.equal(arealProblem(r.geometry), null);
  // Both triangles survive: half the square's area.
  assert.ok(Math.abs(areaKm2(r.geometry) - areaKm2(square) / 2) < 1e-3 * areaKm2(square));
});

test('overlapping parts of a MultiPolygon are merged', () => {
  const shifted = {
    type: 'Polygon' as const,
    coordinates: [square.coordinates[0].map(([x, y]) => [x + 0.05, y] as [number, number])],
  };
  const multi = { type: 'MultiPolygon' as const, coordinates: [square.coordinates, shifted.coordinates] };
  assert.match(arealProblem(multi) ?? '', /overlap/);
  const r = repairAreal(multi);
  assert.ok(Math.abs(areaKm2(r.geometry) - 1.5 * areaKm2(square)) < 1e-3 * areaKm2(square));
});

test('unclosed rings are closed, repeated positions dropped; degenerate or non-numeric rings are refused', () => {
  const open = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [44, 35],
        [44.1, 35],
        [44.1, 35],
        [44.1, 35.1],
        [44, 35.1],
      ],
    ] as [number, number][][],
  };
  assert.equal(arealProblem(open as Polygon), null);
  assert.equal(repairAreal(open as Polygon).geometry.coordinates[0].length, 5);
  const line = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [44, 35],
        [44.1, 35],
        [44, 35],
      ],
    ] as [number, number][][],
  };
  assert.throws(
    () => repairAreal(line as Polygon, 'aor'),
    (e: SeamError) => e.issues[0].field === 'aor',
  );
  const nan = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [44, 35],
        [Number.NaN, 35],
        [44, 36],
        [44, 35],
      ],
    ] as [number, number][][],
  };
  assert.throws(() => repairAreal(nan as Polygon, 'zone'), /finite/);
  assert.throws(() => repairAreal({ type: 'Point' } as unknown as Polygon, 'zone'), /Polygon or MultiPolygon/);
});
