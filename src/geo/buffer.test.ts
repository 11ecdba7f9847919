import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import { lineLengthKm } from './distance.ts';
import { pointInAreal } from './point-in-polygon.ts';
import { areaKm2 } from './polygon-ops.ts';

test('a point buffer has area π r² within 0.5%', () => {
  for (const r of [1, 5, 20]) {
    const area = areaKm2(bufferKm({ type: 'Point', coordinates: [44.39, 35.47] }, r));
    assert.ok(Math.abs(area - Math.PI * r * r) / (Math.PI * r * r) < 0.005, `r=${r}: ${area}`);
  }
});

test('a straight line buffer has area 2·r·length + π r² within 0.5%', () => {
  const line: LineString = {
    type: 'LineString',
    coordinates: [
      [44.0, 35.0],
      [44.9, 35.6],
    ],
  };
  const r = 20;
  const len = lineLengthKm(line);
  const expected = 2 * r * len + Math.PI * r * r;
  const area = areaKm2(bufferKm(line, r));
  assert.ok(Math.abs(area - expected) / expected < 0.005, `${area} vs ${expected}`);
});

test('a buffer contains points nearer than r and excludes points farther', () => {
  const zone = bufferKm({ type: 'Point', coordinates: [44, 35] }, 10);
  // 0.1° of latitude is 11.1 km.
  assert.equal(pointInAreal([44, 35.08], zone), true);
  assert.equal(pointInAreal([44, 35.1], zone), false);
});

test('a bent line buffer is one polygon and refuses non-positive distances', () => {
  const line: LineString = {
    type: 'LineString',
    coordinates: [
      [44, 35],
      [44.5, 35.5],
      [44, 36],
    ],
  };
  assert.equal(bufferKm(line, 5).type, 'Polygon');
  assert.throws(() => bufferKm(line, 0), RangeError);
});
