import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type AreaDraft,
  areaBody,
  draftFeatures,
  emptyArea,
  parsePosition,
  positionsOf,
} from '../src/web/plan/plan-area.ts';

test('a typed "lon, lat" reads back as the position written, with any separator', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -90, max: 90, noNaN: true }),
      fc.constantFrom(', ', ',', ' ', '; ', '  '),
      (lon, lat, sep) => {
        const line = `${lon.toFixed(5)}${sep}${lat.toFixed(5)}`;
        assert.deepEqual(parsePosition(line), [Number(lon.toFixed(5)), Number(lat.toFixed(5))]);
      },
    ),
  );
});

test('MGRS references are passed on for the server to place; anything else is refused', () => {
  assert.deepEqual(parsePosition('38S ME 44656 25337'), { mgrs: '38SME4465625337' });
  assert.deepEqual(parsePosition('38sme4465625337'), { mgrs: '38SME4465625337' });
  for (const bad of ['', 'Kirkuk', '44.1', '200, 35', '44, 95', '38SME446', '1,2,3'])
    assert.equal(parsePosition(bad), null, bad);
});

test('the area body needs enough positions for its shape, and names the typed lines that are not positions', () => {
  const typed = (shape: AreaDraft['shape'], text: string): AreaDraft => ({
    ...emptyArea,
    shape,
    entry: 'typed',
    typed: text,
  });
  assert.equal(areaBody(typed('route', '44.1, 35.4')), null);
  assert.deepEqual(areaBody(typed('route', '44.1, 35.4\n\n44.2, 35.5')), {
    shape: 'route',
    points: [
      [44.1, 35.4],
      [44.2, 35.5],
    ],
    buffer_km: 1,
  });
  assert.deepEqual(positionsOf(typed('polygon', '44.1, 35.4\nnowhere\n44.2, 35.5\n9, 99')).bad, [2, 4]);
  assert.equal(areaBody(typed('polygon', '44.1, 35.4\n44.2, 35.5')), null);
  assert.deepEqual(areaBody({ ...emptyArea, shape: 'point', points: [[44.1, 35.4]], radiusKm: '3' }), {
    shape: 'point',
    at: [44.1, 35.4],
    radius_km: 3,
  });
});

test('the draft drawn on the map: each point, and the circle, line or outline they make', () => {
  const points: Array<[number, number]> = [
    [44.1, 35.4],
    [44.2, 35.5],
    [44.3, 35.4],
  ];
  const kinds = (a: AreaDraft) => draftFeatures(a).features.map((f) => f.geometry.type);
  assert.deepEqual(kinds({ ...emptyArea, shape: 'point', points: points.slice(0, 1) }), ['Point', 'Polygon']);
  assert.deepEqual(kinds({ ...emptyArea, shape: 'route', points }), ['Point', 'Point', 'Point', 'LineString']);
  const outline = draftFeatures({ ...emptyArea, shape: 'polygon', points }).features[3].geometry;
  assert.deepEqual(outline, { type: 'Polygon', coordinates: [[...points, points[0]]] });
  assert.deepEqual(kinds({ ...emptyArea, shape: 'polygon', points: points.slice(0, 2) }), [
    'Point',
    'Point',
    'LineString',
  ]);
});
