import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString, Position } from '../domain/geojson.ts';
import { distanceKm } from './distance.ts';
import { lineLocator, lineSide } from './line-side.ts';

const east: LineString = {
  type: 'LineString',
  coordinates: [
    [0, 0],
    [1, 0],
  ],
};
const tenthDegreeKm = distanceKm([0, 0], [0, 0.1]);

function near(actual: number, expected: number, tol: number) {
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected}`);
}

test('north of an eastward line is left (positive), south is right (negative)', () => {
  const left = lineSide(east, [0.5, 0.1]);
  near(left.signedKm, tenthDegreeKm, 0.01);
  near(left.chainageKm, distanceKm([0, 0], [0.5, 0]), 0.01);
  near(lineSide(east, [0.5, -0.1]).signedKm, -tenthDegreeKm, 0.01);
  near(lineSide(east, [0.25, 0]).signedKm, 0, 1e-6);
});

test('walking the other way swaps the sides', () => {
  const west: LineString = {
    type: 'LineString',
    coordinates: [
      [1, 0],
      [0, 0],
    ],
  };
  assert.ok(lineSide(west, [0.5, 0.1]).signedKm < 0);
});

test('beyond an end the nearest point is the end vertex', () => {
  const r = lineSide(east, [1.1, 0.05]);
  near(r.nearest[0], 1, 1e-9);
  near(r.chainageKm, distanceKm([0, 0], [1, 0]), 1e-6);
  near(r.signedKm, distanceKm([1.1, 0.05], [1, 0]), 1e-6);
});

test('outside a left bend the point is on the right, inside it on the left', () => {
  const bend: LineString = {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
  };
  const outer = lineSide(bend, [1.1, -0.1]);
  assert.ok(outer.signedKm < 0);
  near(outer.nearest[0], 1, 1e-9);
  assert.ok(lineSide(bend, [0.9, 0.1]).signedKm > 0);
  assert.ok(lineSide(bend, [1.1, 0.5]).signedKm < 0);
  assert.ok(lineSide(bend, [0.5, -0.1]).signedKm < 0);
});

test('chainage accumulates over vertices', () => {
  const bend: LineString = {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
  };
  const r = lineSide(bend, [1.05, 0.5]);
  near(r.chainageKm, distanceKm([0, 0], [1, 0]) + distanceKm([1, 0], [1, 0.5]), 0.05);
});

test('pointAt and locate are inverse on straight stretches', () => {
  const kcl: LineString = {
    type: 'LineString',
    coordinates: [
      [45.38, 34.35],
      [44.96, 34.69],
      [44.39, 35.47],
      [43.59, 35.78],
    ],
  };
  const loc = lineLocator(kcl);
  for (const [c, o] of [
    [10, 5],
    [30, -5],
    [100, 18],
    [200, -3],
  ] as Position[]) {
    const r = loc.locate(loc.pointAt(c, o));
    near(r.chainageKm, c, 0.05);
    near(r.signedKm, o, 0.05);
  }
  near(loc.pointAt(0)[0], 45.38, 1e-9);
  near(loc.pointAt(1e9)[0], 43.59, 1e-9);
  assert.throws(() => lineLocator({ type: 'LineString', coordinates: [[0, 0]] }), RangeError);
});

test('pointAt moves continuously round the outside of a sharp bend', () => {
  const bend: LineString = {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [1, 0],
      [1, 1],
    ],
  };
  const loc = lineLocator(bend);
  const corner = distanceKm([0, 0], [1, 0]);
  let prev = loc.pointAt(corner - 20, -10);
  for (let c = corner - 20; c <= corner + 20; c += 0.25) {
    const p = loc.pointAt(c, -10);
    assert.ok(distanceKm(prev, p) < 1, `jump of ${distanceKm(prev, p)} km at chainage ${c}`);
    // Outside the bend the point keeps its distance from the line (10 m tolerance).
    near(-loc.locate(p).signedKm, 10, 0.01);
    prev = p;
  }
  // Inside the bend it passes through the mitre point, also at the full distance.
  for (let c = corner - 20; c <= corner + 20; c += 0.25) near(loc.locate(loc.pointAt(c, 3)).signedKm, 3, 0.01);
  // At the vertex itself the offset runs along the bisector.
  const atVertex = loc.pointAt(corner, -10);
  near(loc.locate(atVertex).nearest[0], 1, 1e-6);
  near(loc.locate(atVertex).nearest[1], 0, 1e-6);
});
