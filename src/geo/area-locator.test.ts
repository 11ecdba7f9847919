import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { MultiPolygon, Position } from '../domain/geojson.ts';
import { buildAreaLocator } from './area-locator.ts';
import { pointInAreal } from './point-in-polygon.ts';

// A star with a hole, and a separate triangle.
const star: Position[] = Array.from({ length: 21 }, (_, i) => {
  const a = (2 * Math.PI * (i % 20)) / 20;
  const r = i % 2 ? 4 : 10;
  return [r * Math.cos(a), r * Math.sin(a)];
});
const shape: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      star,
      [
        [-1, -1],
        [-1, 1],
        [1, 1],
        [1, -1],
        [-1, -1],
      ],
    ],
    [
      [
        [20, 0],
        [30, 0],
        [25, 8],
        [20, 0],
      ],
    ],
  ],
};

test('the banded locator agrees with plain ray casting everywhere', () => {
  const inside = buildAreaLocator(shape);
  fc.assert(
    fc.property(
      fc.double({ min: -12, max: 32, noNaN: true }),
      fc.double({ min: -12, max: 12, noNaN: true }),
      (x, y) => {
        assert.equal(inside([x, y]), pointInAreal([x, y], shape));
      },
    ),
    { numRuns: 3000 },
  );
  assert.equal(inside([0, 0]), false);
  assert.equal(inside([5, 0]), true);
  assert.equal(inside([25, 3]), true);
  assert.equal(buildAreaLocator({ type: 'MultiPolygon', coordinates: [] })([0, 0]), false);
});
