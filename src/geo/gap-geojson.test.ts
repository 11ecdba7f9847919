import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alwaysActiveFrom,
  gapInputFromGeoJson,
  incidentsFromFeatures,
  type LooseFeature,
  presenceFromFeatures,
} from './gap-geojson.ts';

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });

test('presence features become coverage records: kind, org, radius or buffer, times, schedule, ids', () => {
  const features: LooseFeature[] = [
    {
      type: 'Feature',
      id: 'cp-1',
      geometry: point(44, 35),
      properties: { kind: 'checkpoint', org: 'isf', radius_km: 5 },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [44, 35],
          [44.1, 35],
        ],
      },
      properties: {
        kind: 'patrol',
        org: 'peshmerga',
        buffer_km: 2,
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        schedule: { days: [1], start: '06:00', end: '08:00' },
      },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [44, 35],
            [44.1, 35],
            [44.1, 35.1],
            [44, 35],
          ],
        ],
      },
      properties: { kind: 'aor', org: 'isf', id: 'sector' },
    },
  ];
  const [cp, patrol, aor] = presenceFromFeatures(features);
  assert.deepEqual(cp, {
    id: 'cp-1',
    org: 'isf',
    name: 'cp-1',
    kind: 'checkpoint',
    geometry: point(44, 35),
    km: 5,
    activeFrom: alwaysActiveFrom,
    activeTo: null,
    schedule: null,
  });
  assert.equal(patrol.id, 'presence-2');
  assert.equal(patrol.km, 2);
  assert.equal(patrol.activeTo, '2026-02-01T00:00:00.000Z');
  assert.deepEqual(patrol.schedule, { days: [1], start: '06:00', end: '08:00' });
  assert.equal(aor.kind, 'unit_aor');
  assert.equal(aor.id, 'sector');
  assert.throws(
    () => presenceFromFeatures([{ type: 'Feature', geometry: point(0, 0), properties: { kind: 'tower', org: 'x' } }]),
    /presence\[0\].kind/,
  );
  assert.throws(
    () =>
      presenceFromFeatures([{ type: 'Feature', geometry: point(0, 0), properties: { kind: 'checkpoint', org: 'x' } }]),
    /radius_km/,
  );
});

test('incident features become weighted points; anything but a Point is refused', () => {
  const [a] = incidentsFromFeatures([
    {
      type: 'Feature',
      id: 7,
      geometry: point(44, 35),
      properties: { weight: 3, type: 'ied', time: '2026-01-01T00:00:00.000Z' },
    },
  ]);
  assert.deepEqual(a, { id: '7', lon: 44, lat: 35, weight: 3, type: 'ied', time: '2026-01-01T00:00:00.000Z' });
  assert.throws(
    () => incidentsFromFeatures([{ type: 'Feature', geometry: null, properties: {} }]),
    /incidents\[0\].geometry/,
  );
});

test('one collection with kinds and a seam member is a whole analysis input', () => {
  const input = gapInputFromGeoJson({
    type: 'FeatureCollection',
    seam: { window: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' }, zone_km: 5 },
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [44, 35],
            [45, 35],
          ],
        },
        properties: { kind: 'line' },
      },
      { type: 'Feature', geometry: point(44.5, 35), properties: { kind: 'checkpoint', org: 'isf', radius_km: 3 } },
      { type: 'Feature', geometry: point(44.6, 35), properties: { kind: 'incident' } },
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [44, 34],
              [45, 34],
              [45, 36],
              [44, 34],
            ],
          ],
        },
        properties: { kind: 'jcc', code: 'k1' },
      },
    ],
  });
  assert.equal(input.zoneKm, 5);
  assert.equal(input.zone, null);
  assert.equal(input.presence.length, 1);
  assert.equal(input.incidents?.length, 1);
  assert.deepEqual(
    input.aors?.map((a) => a.code),
    ['k1'],
  );
  assert.throws(() => gapInputFromGeoJson({ type: 'FeatureCollection', features: [] }), /line/);
  assert.throws(() => gapInputFromGeoJson([]), /FeatureCollection/);
});
