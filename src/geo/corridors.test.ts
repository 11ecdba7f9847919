import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import { findCorridors } from './corridors.ts';
import { lineLocator } from './line-side.ts';
import { difference, unionAll } from './polygon-ops.ts';

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [45, 35],
  ],
};
const loc = lineLocator(line);
const zone = bufferKm(line, 5);
const discs = (chainages: number[], km: number) =>
  unionAll(chainages.map((c) => bufferKm({ type: 'Point', coordinates: loc.pointAt(c) }, km, 64)));

test('a gap across the zone between two checkpoints is a corridor as wide as the space between them', () => {
  // 6.5 km discs every 12 km close the zone (5 km each side), except one pair 16 km apart: 3 km between them.
  const gap = difference(zone, discs([0, 12, 24, 36, 52, 64, 76, 88, loc.lengthKm], 6.5));
  const corridors = findCorridors(gap, zone, line);
  assert.equal(corridors.length, 1);
  const [c] = corridors;
  assert.ok(
    c.narrowest_width_km !== null && Math.abs(c.narrowest_width_km - 3) <= 2 * c.width_resolution_km,
    `${c.narrowest_width_km}`,
  );
  assert.ok(Math.abs(loc.locate(c.narrowest_at).chainageKm - 44) < 0.5);
  assert.equal(c.area_km2, c.gap_area_km2);
});

test('pockets open to one edge only are not corridors; a closed zone has none', () => {
  // 12 km spacing leaves pockets at both edges, separated by a covered band along the line.
  const gap = difference(zone, discs([0, 12, 24, 36, 48, 60, 72, 84, loc.lengthKm], 6.5));
  assert.ok(gap.coordinates.length > 0);
  assert.deepEqual(findCorridors(gap, zone, line), []);
});
