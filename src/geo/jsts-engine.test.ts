import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, Polygon, Position } from '../domain/geojson.ts';
import { planarBuffer, planarOverlay, planarSplit, planarUnionAll, planarUnionValid } from './jsts-engine.ts';

const square = (x: number, y: number, s: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

function area(g: Areal): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const rings of polys) {
    for (const ring of rings) {
      let s = 0;
      for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
      total += s / 2; // signed: holes are clockwise, so they subtract
    }
  }
  return total;
}

test('planar overlays of squares have exact areas and RFC 7946 winding', () => {
  const a = square(0, 0, 10);
  const b = square(5, 5, 10);
  assert.equal(area(planarOverlay('intersection', a, b)), 25);
  assert.equal(area(planarOverlay('union', a, b)), 175);
  assert.equal(area(planarOverlay('difference', a, b)), 75);
  assert.equal(area(planarOverlay('difference', a, square(2, 2, 2))), 96);
});

test('touching squares intersect in no area', () => {
  assert.deepEqual(planarOverlay('intersection', square(0, 0, 1), square(1, 0, 1)), {
    type: 'MultiPolygon',
    coordinates: [],
  });
});

test('planarUnionAll merges overlapping and keeps disjoint parts', () => {
  const u = planarUnionAll([square(0, 0, 2), square(1, 0, 2), square(10, 10, 1)]);
  assert.equal(u.type, 'MultiPolygon');
  assert.equal(area(u), 7);
  assert.deepEqual(planarUnionAll([]), { type: 'MultiPolygon', coordinates: [] });
});

test('planarUnionValid gives the union of planarUnionAll, with holes, in an order independent of the input', () => {
  // A frame of four overlapping squares around a 1×1 hole, an overlapping pair, and two lone squares.
  const rect = (x: number, y: number, w: number, h: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ],
    ],
  });
  const parts = [
    rect(0, 0, 3, 1),
    rect(0, 2, 3, 1),
    rect(0, 0, 1, 3),
    rect(2, 0, 1, 3),
    square(20, 0, 2),
    square(21, 1, 2),
    square(10, -5, 1),
    square(30, 30, 1),
  ];
  const u = planarUnionValid(parts);
  const reference = planarUnionAll(parts);
  assert.equal(u.type, 'MultiPolygon');
  assert.equal(u.coordinates.length, 4);
  assert.equal(area(u), area(reference));
  assert.equal(area(u), 8 + 7 + 1 + 1);
  assert.equal(u.coordinates.filter((rings) => rings.length === 2).length, 1);
  assert.deepEqual(planarUnionValid([...parts].reverse()), u);
  // Lowest vertex first: the lone square at y = -5 leads.
  assert.deepEqual(u.coordinates[0], square(10, -5, 1).coordinates);
  assert.deepEqual(planarUnionValid([]), { type: 'MultiPolygon', coordinates: [] });
});

test('planarBuffer of a point approximates a circle', () => {
  const b = planarBuffer({ type: 'Point', coordinates: [0, 0] }, 1000, 16);
  assert.ok(Math.abs(area(b) - Math.PI * 1e6) / (Math.PI * 1e6) < 0.003);
});

test('planarSplit gives the faces inside, dropping dangling cut ends', () => {
  const faces = planarSplit(square(0, 0, 10), [
    {
      type: 'LineString',
      coordinates: [
        [4, -5],
        [4, 15],
      ] as Position[],
    },
  ]);
  assert.deepEqual(
    faces.map(area).sort((x, y) => x - y),
    [40, 60],
  );
});
