import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, LineString, Polygon, Position } from '../domain/geojson.ts';
import { pointInAreal } from './point-in-polygon.ts';
import { areaKm2, difference, intersection, splitAreal, union, unionAll } from './polygon-ops.ts';
import { authalicRadiusM } from './projection.ts';

const rad = Math.PI / 180;

/** A lon/lat cell with densified edges, so it follows meridians and parallels. */
function cell(west: number, south: number, width: number, height: number, steps = 100): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) ring.push([west + (width * i) / steps, south]);
  for (let i = 0; i < steps; i++) ring.push([west + width, south + (height * i) / steps]);
  for (let i = 0; i < steps; i++) ring.push([west + width - (width * i) / steps, south + height]);
  for (let i = 0; i < steps; i++) ring.push([west, south + height - (height * i) / steps]);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Analytic spherical area of a lon/lat cell in km². */
function cellKm2(south: number, width: number, height: number): number {
  return (authalicRadiusM / 1000) ** 2 * width * rad * (Math.sin((south + height) * rad) - Math.sin(south * rad));
}

function near(actual: number, expected: number, rel = 1e-4) {
  assert.ok(Math.abs(actual - expected) <= rel * expected, `${actual} vs ${expected}`);
}

const a = cell(44, 35, 1, 1);
const b = cell(44.5, 35.5, 1, 1);
const overlap = cellKm2(35.5, 0.5, 0.5);

test('areaKm2 of a 1°×1° cell is the analytic spherical area', () => {
  near(areaKm2(a), cellKm2(35, 1, 1), 1e-6);
  assert.equal(areaKm2({ type: 'MultiPolygon', coordinates: [] }), 0);
});

test('areaKm2 subtracts holes and ignores winding', () => {
  const holed: Polygon = {
    type: 'Polygon',
    coordinates: [a.coordinates[0], [...cell(44.25, 35.25, 0.5, 0.5).coordinates[0]].reverse()],
  };
  near(areaKm2(holed), cellKm2(35, 1, 1) - cellKm2(35.25, 0.5, 0.5), 1e-6);
  const reversed: Polygon = { type: 'Polygon', coordinates: [[...a.coordinates[0]].reverse()] };
  near(areaKm2(reversed), areaKm2(a), 1e-12);
});

test('intersection of overlapping cells is their common cell', () => {
  const i = intersection(a, b);
  near(areaKm2(i), overlap);
  assert.equal(pointInAreal([44.75, 35.75], i), true);
  assert.equal(pointInAreal([44.25, 35.25], i), false);
});

test('union area is the sum less the overlap', () => {
  near(areaKm2(union(a, b)), areaKm2(a) + areaKm2(b) - overlap);
  near(areaKm2(unionAll([a, b, cell(44.2, 35.2, 0.1, 0.1)])), areaKm2(a) + areaKm2(b) - overlap);
});

test('difference removes the overlap', () => {
  const d = difference(a, b);
  near(areaKm2(d), areaKm2(a) - overlap);
  assert.equal(pointInAreal([44.75, 35.75], d), false);
  assert.equal(pointInAreal([44.25, 35.75], d), true);
});

test('disjoint and empty inputs give empty or unchanged results', () => {
  const far = cell(50, 35, 1, 1);
  const none: Areal = { type: 'MultiPolygon', coordinates: [] };
  assert.deepEqual(intersection(a, far), none);
  assert.deepEqual(intersection(a, none), none);
  assert.equal(union(a, far).type, 'MultiPolygon');
  assert.deepEqual(difference(a, none), a);
  assert.deepEqual(unionAll([]), none);
  assert.deepEqual(difference(a, a), none);
});

test('results follow RFC 7946 winding: exterior counter-clockwise', () => {
  const i = intersection(a, b) as Polygon;
  const ring = i.coordinates[0];
  let s = 0;
  for (let k = 1; k < ring.length; k++) s += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
  assert.ok(s > 0);
});

test('splitAreal cuts a cell into faces that partition it', () => {
  const cuts: LineString[] = [
    {
      type: 'LineString',
      coordinates: [
        [44.3, 34.5],
        [44.3, 36.5],
      ],
    },
    {
      type: 'LineString',
      coordinates: [
        [44.6, 34.5],
        [44.7, 36.5],
      ],
    },
    {
      type: 'LineString',
      coordinates: [
        [46, 34],
        [47, 34],
      ],
    },
  ];
  const faces = splitAreal(a, cuts);
  assert.equal(faces.length, 3);
  // Each face is measured in its own projection, where long straight edges bow slightly: allow 1e-4.
  near(
    faces.reduce((s, f) => s + areaKm2(f), 0),
    areaKm2(a),
  );
  near(areaKm2(unionAll(faces)), areaKm2(a), 1e-6);
  for (const p of [
    [44.1, 35.5],
    [44.45, 35.5],
    [44.9, 35.5],
  ] as Position[]) {
    assert.equal(faces.filter((f) => pointInAreal(p, f)).length, 1);
  }
});

test('splitAreal keeps holes out of the faces', () => {
  const holed: Polygon = {
    type: 'Polygon',
    coordinates: [a.coordinates[0], cell(44.4, 35.4, 0.2, 0.2).coordinates[0]],
  };
  const faces = splitAreal(holed, [
    {
      type: 'LineString',
      coordinates: [
        [44.2, 34.5],
        [44.2, 36.5],
      ],
    },
  ]);
  assert.equal(faces.length, 2);
  near(
    faces.reduce((s, f) => s + areaKm2(f), 0),
    areaKm2(holed),
  );
  assert.equal(
    faces.some((f) => pointInAreal([44.5, 35.5], f)),
    false,
  );
});
