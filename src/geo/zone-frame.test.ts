import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import { areaKm2 } from './polygon-ops.ts';
import { prepareZone } from './zone-frame.ts';

test('a prepared zone knows its area, its planar box, what lies inside and how far its boundary is', () => {
  const line: LineString = {
    type: 'LineString',
    coordinates: [
      [44, 35],
      [45, 35.5],
    ],
  };
  const zone = bufferKm(line, 10);
  const frame = prepareZone(zone);
  assert.ok(Math.abs(frame.zoneKm2 - areaKm2(zone)) < 1e-6 * frame.zoneKm2);
  const [a, b] = line.coordinates.map(frame.projection.forward);
  const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  assert.equal(frame.contains(mid), true);
  assert.equal(frame.contains(frame.projection.forward([44.5, 36])), false);
  // The middle of the line is 10 km from either side of the zone (to the projection's scale error).
  const d = frame.boundary.distanceWithin(mid[0], mid[1], 20_000);
  assert.ok(Math.abs(d - 10_000) < 20, `${d}`);
  assert.ok(frame.box[0] < mid[0] && mid[0] < frame.box[2]);
});
