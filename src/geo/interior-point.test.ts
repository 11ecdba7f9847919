import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from '../domain/geojson.ts';
import { interiorPoint } from './interior-point.ts';
import { pointInAreal } from './point-in-polygon.ts';

const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

test('a convex polygon gives its centroid', () => {
  const p = interiorPoint({ type: 'Polygon', coordinates: [square(44, 35, 2)] });
  assert.ok(Math.abs(p[0] - 45) < 1e-12 && Math.abs(p[1] - 36) < 1e-12, String(p));
});

test('a C shape, whose centroid is outside, gives a point inside', () => {
  const c: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 2],
        [2, 2],
        [2, 8],
        [10, 8],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ],
  };
  assert.equal(pointInAreal(interiorPoint(c), c), true);
});

test('a square with a hole at its centroid gives a point in the ring around it', () => {
  const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(2, 2, 6)] };
  assert.equal(pointInAreal(interiorPoint(ring), ring), true);
});

test('a multipolygon gives a point in its largest part', () => {
  const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 3)]] };
  const p = interiorPoint(mp);
  assert.ok(p[0] > 5 && p[0] < 8 && p[1] > 5 && p[1] < 8, String(p));
});

test('random star-shaped polygons always contain their interior point', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 40 }), (radii) => {
      const ring: Position[] = radii.map((r, i) => {
        const a = (2 * Math.PI * i) / radii.length;
        return [44 + r * Math.cos(a), 35 + r * Math.sin(a)];
      });
      ring.push(ring[0]);
      const poly: Polygon = { type: 'Polygon', coordinates: [ring] };
      assert.equal(pointInAreal(interiorPoint(poly), poly), true);
    }),
  );
});
