import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from '../domain/geojson.ts';
import { pointInAreal, pointInRing } from './point-in-polygon.ts';

const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

const withHole: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4)] };

test('inside, outside and inside a hole', () => {
  assert.equal(pointInAreal([1, 1], withHole), true);
  assert.equal(pointInAreal([5, 5], withHole), false);
  assert.equal(pointInAreal([11, 5], withHole), false);
  assert.equal(pointInAreal([-0.001, 5], withHole), false);
  assert.equal(pointInAreal([9.999, 9.999], withHole), true);
});

test('a multipolygon is the union of its parts, an island in a hole included', () => {
  const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [withHole.coordinates, [square(4, 4, 2)]] };
  assert.equal(pointInAreal([5, 5], mp), true);
  assert.equal(pointInAreal([3.5, 3.5], mp), false);
  assert.equal(pointInAreal([1, 1], mp), true);
  assert.equal(pointInAreal([20, 1], { type: 'MultiPolygon', coordinates: [] }), false);
});

test('a ray through a vertex is counted once', () => {
  const diamond: Position[] = [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ];
  // The ray from (-2, 0) passes through vertices (-1, 0) and (1, 0).
  assert.equal(pointInRing([-2, 0], diamond), false);
  assert.equal(pointInRing([0, 0], diamond), true);
  assert.equal(pointInRing([0.999, 0], diamond), true);
  assert.equal(pointInRing([1.001, 0], diamond), false);
  // A ray along a horizontal edge (the square's bottom) from outside.
  assert.equal(pointInRing([-1, 0], square(0, 0, 1)), false);
  assert.equal(pointInRing([0.5, 1e-12], square(0, 0, 1)), true);
});

test('an unclosed ring is treated as closed', () => {
  assert.equal(pointInRing([0.5, 0.5], square(0, 0, 1).slice(0, 4)), true);
});

/** A convex polygon: sorted random angles on a circle, counter-clockwise, closed. */
const convexPolygon = fc
  .record({
    cx: fc.double({ min: -170, max: 170, noNaN: true }),
    cy: fc.double({ min: -80, max: 80, noNaN: true }),
    r: fc.double({ min: 0.01, max: 5, noNaN: true }),
    angles: fc.uniqueArray(fc.integer({ min: 0, max: 3599 }), { minLength: 3, maxLength: 30 }),
  })
  .map(({ cx, cy, r, angles }) => {
    const ring: Position[] = [...angles]
      .sort((a, b) => a - b)
      .map((a) => [cx + r * Math.cos((a * Math.PI) / 1800), cy + r * Math.sin((a * Math.PI) / 1800)]);
    ring.push(ring[0]);
    return ring;
  });

function twiceArea(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]);
}

test('property: centroids of a convex polygon fan triangulation are inside', () => {
  fc.assert(
    fc.property(convexPolygon, (ring) => {
      const poly: Polygon = { type: 'Polygon', coordinates: [ring] };
      for (let i = 1; i + 1 < ring.length - 1; i++) {
        const [a, b, c] = [ring[0], ring[i], ring[i + 1]];
        // Skip needle triangles whose centroid sits within rounding of an edge.
        const ab = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const bc = Math.hypot(c[0] - b[0], c[1] - b[1]);
        const ca = Math.hypot(a[0] - c[0], a[1] - c[1]);
        if (Math.abs(twiceArea(a, b, c)) / Math.max(ab, bc, ca) < 1e-9) continue;
        const centroid: Position = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3];
        assert.equal(pointInAreal(centroid, poly), true);
      }
    }),
  );
});

test('property: points beyond the bounding box are outside', () => {
  fc.assert(
    fc.property(
      convexPolygon,
      fc.double({ min: 1e-6, max: 50, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (ring, gap, t) => {
        const poly: Polygon = { type: 'Polygon', coordinates: [ring] };
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const along = (lo: number, hi: number) => lo + t * (hi - lo);
        for (const p of [
          [w - gap, along(s, n)],
          [e + gap, along(s, n)],
          [along(w, e), s - gap],
          [along(w, e), n + gap],
        ] as Position[]) {
          assert.equal(pointInAreal(p, poly), false);
        }
      },
    ),
  );
});
