import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { distanceKm } from './distance.ts';
import { snapToGrid } from './grid.ts';

test('a snapped point lies within one cell diagonal of the original, and snapping is idempotent', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -179.9, max: 179.9, noNaN: true }),
      fc.double({ min: -70, max: 70, noNaN: true }),
      fc.constantFrom(1, 5, 10, 25),
      (lon, lat, km) => {
        const c = snapToGrid(lon, lat, km);
        assert.ok(distanceKm([lon, lat], c) <= km * Math.SQRT2 * 0.5 + 0.01, JSON.stringify({ lon, lat, km, c }));
        assert.deepEqual(snapToGrid(c[0], c[1], km), c);
      },
    ),
    { numRuns: 2000 },
  );
});

test('points in the same cell share a centre; the exact position is not recoverable', () => {
  const a = snapToGrid(44.391, 35.468, 10);
  const b = snapToGrid(44.395, 35.471, 10);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, [44.391, 35.468]);
});
