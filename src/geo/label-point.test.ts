import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Polygon } from '../domain/geojson.ts';
import { clipRingToBox, labelPointInBox } from './label-point.ts';
import { pointInPolygonRings } from './point-in-polygon.ts';

const square = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

test('a ring is clipped to the box; a ring outside it leaves nothing', () => {
  const clipped = clipRingToBox(square(0, 0, 10, 10).coordinates[0], [5, 5, 20, 20]);
  const xs = clipped.map((p) => p[0]);
  const ys = clipped.map((p) => p[1]);
  assert.deepEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], [5, 5, 10, 10]);
  assert.deepEqual(clipped[0], clipped[clipped.length - 1]);
  assert.deepEqual(clipRingToBox(square(0, 0, 1, 1).coordinates[0], [5, 5, 6, 6]), []);
});

test('an area reaching into the box is named inside both the area and the box; a sliver is not named', () => {
  // A wide country whose centre lies far outside the view: its name is still written in the view.
  const country = square(40, 30, 60, 40);
  const at = labelPointInBox(country, [35, 32, 42, 38]);
  assert.ok(at);
  assert.ok(at[0] >= 40 && at[0] <= 42 && at[1] >= 32 && at[1] <= 38, `${at}`);
  assert.equal(labelPointInBox(square(41.99, 30, 60, 40), [35, 32, 42, 38]), null);
});

test('for any box overlapping an L-shaped area, the label point lies in the area and in the box', () => {
  const ell: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 2],
        [2, 2],
        [2, 10],
        [0, 10],
        [0, 0],
      ],
    ],
  };
  fc.assert(
    fc.property(
      fc.double({ min: -5, max: 9, noNaN: true }),
      fc.double({ min: -5, max: 9, noNaN: true }),
      fc.double({ min: 1, max: 12, noNaN: true }),
      fc.double({ min: 1, max: 12, noNaN: true }),
      (w, s, dw, dh) => {
        const box: [number, number, number, number] = [w, s, w + dw, s + dh];
        const at = labelPointInBox(ell, box);
        if (!at) return;
        assert.ok(pointInPolygonRings(at, ell.coordinates), `${at} is in the area`);
        assert.ok(at[0] >= box[0] - 1e-9 && at[0] <= box[2] + 1e-9 && at[1] >= box[1] - 1e-9 && at[1] <= box[3] + 1e-9);
      },
    ),
  );
});
