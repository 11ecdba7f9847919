import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon, Position } from '../domain/geojson.ts';
import {
  authalicRadiusM,
  bboxCenter,
  createProjection,
  geometryBBox,
  mapPositions,
  projectionFor,
} from './projection.ts';

function shoelace(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** A lon/lat cell with every edge densified, so its projected outline follows meridians and parallels. */
function cell(west: number, south: number, size: number, steps = 200): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) ring.push([west + (size * i) / steps, south]);
  for (let i = 0; i < steps; i++) ring.push([west + size, south + (size * i) / steps]);
  for (let i = 0; i < steps; i++) ring.push([west + size - (size * i) / steps, south + size]);
  for (let i = 0; i < steps; i++) ring.push([west, south + size - (size * i) / steps]);
  ring.push(ring[0]);
  return ring;
}

test('the centre maps to the origin and back', () => {
  const p = createProjection(44, 35.5);
  assert.deepEqual(p.forward([44, 35.5]), [0, 0]);
  assert.deepEqual(p.inverse([0, 0]), [44, 35.5]);
});

test('forward then inverse returns the position (1e-9 degrees) up to thousands of km away', () => {
  const p = createProjection(44, 35.5);
  for (let lon = 20; lon <= 70; lon += 2.5) {
    for (let lat = 10; lat <= 60; lat += 2.5) {
      const [lon2, lat2] = p.inverse(p.forward([lon, lat]));
      assert.ok(Math.abs(lon2 - lon) < 1e-9 && Math.abs(lat2 - lat) < 1e-9, `${lon},${lat} -> ${lon2},${lat2}`);
    }
  }
});

test('x grows eastward and y northward', () => {
  const p = createProjection(44, 35.5);
  const [x, y] = p.forward([44.1, 35.6]);
  assert.ok(x > 0 && y > 0);
});

test('a 1°×1° cell near 35°N has the analytic spherical area R²·Δλ·(sin φ2 − sin φ1)', () => {
  const p = createProjection(44, 35.5);
  const rad = Math.PI / 180;
  const expected = authalicRadiusM ** 2 * rad * (Math.sin(36 * rad) - Math.sin(35 * rad));
  const area = shoelace(cell(43.5, 35, 1).map(p.forward));
  assert.ok(Math.abs(area - expected) / expected < 1e-5, `${area} vs ${expected}`);
});

test('area is preserved far from the centre too (a cell 10° away)', () => {
  const p = createProjection(44, 35.5);
  const rad = Math.PI / 180;
  const expected = authalicRadiusM ** 2 * rad * (Math.sin(46 * rad) - Math.sin(45 * rad));
  const area = shoelace(cell(50, 45, 1).map(p.forward));
  assert.ok(Math.abs(area - expected) / expected < 1e-5, `${area} vs ${expected}`);
});

test('bbox, centre and projectionFor describe the geometry', () => {
  const poly: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [42, 35],
        [46, 35],
        [46, 37],
        [42, 37],
        [42, 35],
      ],
    ],
  };
  assert.deepEqual(geometryBBox(poly, { type: 'Point', coordinates: [47, 34] }), [42, 34, 47, 37]);
  assert.deepEqual(bboxCenter([42, 35, 46, 37]), [44, 36]);
  assert.deepEqual(projectionFor(poly).center, [44, 36]);
  const back = mapPositions(mapPositions(poly, projectionFor(poly).forward), projectionFor(poly).inverse);
  assert.equal(back.type, 'Polygon');
  assert.ok(Math.abs(back.coordinates[0][2][0] - 46) < 1e-9);
  assert.throws(() => geometryBBox({ type: 'LineString', coordinates: [] }), RangeError);
});
