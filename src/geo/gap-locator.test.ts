import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../domain/geojson.ts';
import { buildPolygonLocator } from './gap-locator.ts';

const square = (x: number, y: number, s: number): Position[][] => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

test('finds which polygon holds a point, or −1', () => {
  const holed = [...square(0, 0, 10), ...square(4, 4, 2)];
  const locate = buildPolygonLocator([holed, square(20, 0, 5)]);
  assert.equal(locate([1, 1]), 0);
  assert.equal(locate([5, 5]), -1);
  assert.equal(locate([22, 2]), 1);
  assert.equal(locate([15, 2]), -1);
  assert.equal(buildPolygonLocator([])([0, 0]), -1);
});
