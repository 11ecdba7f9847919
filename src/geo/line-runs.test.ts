import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, LineString } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import { distanceKm } from './distance.ts';
import { lineRunsInside, longestRun } from './line-runs.ts';
import { lineLocator } from './line-side.ts';
import { difference, unionAll } from './polygon-ops.ts';

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [44.5, 35],
    [44.8, 35.3],
    [45.2, 35.3],
  ],
};
const loc = lineLocator(line);

test('the runs of a line inside an area carry chainage, ends and length, and merge across vertices', () => {
  // The zone less 5 km discs centred on the line, away from its bends: known runs between the discs.
  const zone = bufferKm(line, 10);
  const centres = [0, 18, 30, 65, 110, loc.lengthKm];
  const gap = difference(
    zone,
    unionAll(centres.map((c) => bufferKm({ type: 'Point', coordinates: loc.pointAt(c) }, 5, 64))),
  );
  const runs = lineRunsInside(line, gap);
  const expected = [
    [5, 13],
    [23, 25],
    [35, 60], // crosses the bend at 45.5 km
    [70, 105], // crosses the bend at 88 km
    [115, loc.lengthKm - 5],
  ];
  assert.equal(runs.length, expected.length);
  runs.forEach((r, i) => {
    assert.ok(Math.abs(r.start_km - expected[i][0]) < 0.01, `start ${r.start_km}`);
    assert.ok(Math.abs(r.end_km - expected[i][1]) < 0.01, `end ${r.end_km}`);
    assert.ok(Math.abs(r.length_km - (r.end_km - r.start_km)) < 1e-9);
    assert.ok(Math.abs(loc.locate(r.start).chainageKm - r.start_km) < 0.01);
  });
  assert.equal(longestRun(runs), runs[3]);
});

test('a line wholly inside is one run; an empty area has none', () => {
  const runs = lineRunsInside(line, bufferKm(line, 1));
  assert.equal(runs.length, 1);
  assert.ok(Math.abs(runs[0].length_km - loc.lengthKm) < 1e-6);
  assert.deepEqual(lineRunsInside(line, { type: 'MultiPolygon', coordinates: [] }), []);
  assert.equal(longestRun([]), null);
});

test('a line that starts and ends on straight meridian edges of the area runs inside it from 0 to its length', () => {
  const area: Areal = {
    type: 'Polygon',
    coordinates: [
      [
        [44, 35],
        [45, 35],
        [45, 36],
        [44, 36],
        [44, 35],
      ],
    ],
  };
  const line: LineString = {
    type: 'LineString',
    coordinates: [
      [44, 35.5],
      [45, 35.5],
    ],
  };
  const runs = lineRunsInside(line, area);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].start_km, 0);
  assert.ok(Math.abs(runs[0].end_km - distanceKm([44, 35.5], [45, 35.5])) < 1e-9);
});
