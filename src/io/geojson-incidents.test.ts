import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { wireIncident } from '../../test/fixtures/io/wire-incidents.ts';
import {
  decodeGeoJsonIncidents,
  formatIncidentFeatureCollection,
  importGeoJsonIncidents,
  toIncidentFeature,
  toIncidentFeatureCollection,
} from './geojson-incidents.ts';
import { collectRows, formatRowError, type RowError } from './incident-draft.ts';

const fixture = readFileSync(new URL('../../test/fixtures/io/incidents.geojson', import.meta.url), 'utf8');
const sample = collectRows(importGeoJsonIncidents(fixture));

const point = { type: 'Point', coordinates: [44, 35] };
const feature = (properties: unknown, extra: object = {}) => ({
  type: 'Feature',
  geometry: point,
  properties,
  ...extra,
});
const minimal = { type: 'ied', time: '2024-01-01T00:00:00Z', source_id: 's1' };

function errorOf(value: unknown): RowError {
  const results = Array.from(decodeGeoJsonIncidents(value));
  assert.equal(results.length, 1);
  assert.ok('error' in results[0], JSON.stringify(results[0]));
  return results[0].error;
}
const featureError = (properties: unknown, extra?: object) =>
  formatRowError(errorOf({ type: 'FeatureCollection', features: [feature(properties, extra)] }));

test('the sample: a full feature maps every property', () => {
  assert.deepEqual(sample.errors, []);
  assert.deepEqual(sample.drafts[0], {
    format: 'geojson',
    line: 0,
    index: 0,
    sourceId: 'JCC-K-2024-0042',
    type: 'checkpoint_attack',
    time: '2024-03-02T18:15:00.000Z',
    timePrecision: 'day',
    lon: 44.392,
    lat: 35.468,
    locationPrecision: 'near_place',
    place: 'Kirkuk',
    narrative: 'Small-arms fire on the Peshmerga checkpoint north of the city.',
    casualties: {
      forces: [{ org: 'peshmerga', killed: 1, wounded: 2, abducted: 0 }],
      civilians: { killed: 0, wounded: 1, abducted: 0 },
    },
    otherKilled: 0,
    fatalities: null,
    grading: { reliability: 'B', credibility: 2 },
    exercise: true,
  });
});

test('the sample: defaults, numeric feature ids, altitude, nulls and sub-millisecond times', () => {
  const [, second, third] = sample.drafts;
  assert.deepEqual(
    [
      second.sourceId,
      second.lon,
      second.lat,
      second.timePrecision,
      second.locationPrecision,
      second.place,
      second.narrative,
    ],
    ['17', 43.5817, 35.7764, 'day', 'exact', null, ''],
  );
  assert.deepEqual(second.casualties, { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } });
  assert.deepEqual(
    [
      third.sourceId,
      third.index,
      third.time,
      third.timePrecision,
      third.locationPrecision,
      third.grading,
      third.exercise,
    ],
    ['field-report-9', 2, '2024-03-04T00:00:00.123Z', 'week', 'district', null, false],
  );
});

test('errors name the feature index and the property', () => {
  const cases: [unknown, string][] = [
    [{ ...minimal, type: 'raid' }, 'feature 0: properties.type: unknown incident type "raid"'],
    [{ ...minimal, type: undefined }, 'feature 0: properties.type: missing'],
    [{ ...minimal, type: 7 }, 'feature 0: properties.type: expected a string, got a number'],
    [
      { ...minimal, time: '2024-01-01T00:00:00' },
      'feature 0: properties.time: expected an ISO-8601 date-time with a time zone, got "2024-01-01T00:00:00"',
    ],
    [
      { ...minimal, time: '2024-02-30T00:00Z' },
      'feature 0: properties.time: expected an ISO-8601 date-time with a time zone, got "2024-02-30T00:00Z"',
    ],
    [
      { ...minimal, time_precision: 'hour' },
      'feature 0: properties.time_precision: expected one of day, days, week, month, year, got "hour"',
    ],
    [
      { ...minimal, location_precision: 'city' },
      'feature 0: properties.location_precision: expected one of exact, near_place, district, governorate, got "city"',
    ],
    [{ ...minimal, place: 'x'.repeat(201) }, 'feature 0: properties.place: longer than 200 characters'],
    [
      { ...minimal, narrative: 'x'.repeat(20_001) },
      'feature 0: properties.narrative: longer than 20000 characters (20001)',
    ],
    [
      { ...minimal, grading: 'G7' },
      'feature 0: properties.grading: expected an Admiralty code such as B2 (reliability A-F, credibility 1-6), got "G7"',
    ],
    [{ ...minimal, exercise: 'yes' }, 'feature 0: properties.exercise: expected true or false'],
    [
      { ...minimal, source_id: undefined },
      'feature 0: properties.source_id: missing: give properties.source_id, properties.id or the feature an id',
    ],
    [{ ...minimal, source_id: { a: 1 } }, 'feature 0: properties.source_id: expected a string, got a object'],
    [
      { ...minimal, casualties: { civilians: { killed: -1 } } },
      'feature 0: properties.casualties.civilians.killed: Too small: expected number to be >=0',
    ],
    [
      { ...minimal, casualties: { forces: [{ org: 'isf', killed: 1.5 }] } },
      'feature 0: properties.casualties.forces[0].killed: Invalid input: expected int, received number',
    ],
    [null, 'feature 0: properties: expected an object of incident fields'],
  ];
  for (const [props, message] of cases) assert.equal(featureError(props), message);
  assert.equal(
    featureError(minimal, { geometry: { type: 'LineString', coordinates: [] } }),
    'feature 0: geometry.type: expected Point, got "LineString"',
  );
  assert.equal(featureError(minimal, { geometry: null }), 'feature 0: geometry: expected a Point geometry');
  assert.equal(
    featureError(minimal, { geometry: { type: 'Point', coordinates: [44] } }),
    'feature 0: geometry.coordinates: expected [lon, lat] or [lon, lat, altitude] numbers',
  );
  assert.equal(
    featureError(minimal, { geometry: { type: 'Point', coordinates: [44, 91] } }),
    'feature 0: geometry.coordinates[1]: latitude 91 is outside -90..90',
  );
  assert.equal(
    featureError(minimal, { geometry: { type: 'Point', coordinates: [-181, 0] } }),
    'feature 0: geometry.coordinates[0]: longitude -181 is outside -180..180',
  );
  assert.equal(featureError(minimal, { type: 'Feat' }), 'feature 0: type: expected a GeoJSON Feature');
});

test('each feature stands alone: a bad one does not stop the next, and indices count from 0', () => {
  const fc2 = {
    type: 'FeatureCollection',
    features: [feature(minimal), feature({ ...minimal, type: 'x' }), feature(minimal)],
  };
  const r = collectRows(decodeGeoJsonIncidents(fc2));
  assert.deepEqual(
    r.drafts.map((d) => d.index),
    [0, 2],
  );
  assert.deepEqual([r.errors[0].index, r.errors[0].where, r.fatal], [1, 'feature 1', false]);
});

test('what is not a FeatureCollection is one fatal error; a lone Feature is a collection of one', () => {
  for (const [text, reason] of [
    ['{', /^not JSON: /],
    ['[]', /expected a GeoJSON FeatureCollection/],
    ['{"type":"FeatureCollection"}', /"features" array/],
    ['', /^not JSON/],
  ] as const) {
    const [only, ...rest] = Array.from(importGeoJsonIncidents(text));
    assert.equal(rest.length, 0);
    assert.ok('error' in only && only.error.fatal && reason.test(only.error.reason), text);
  }
  const lone = collectRows(decodeGeoJsonIncidents(feature(minimal)));
  assert.deepEqual([lone.drafts.length, lone.drafts[0].sourceId], [1, 's1']);
  assert.equal(collectRows(importGeoJsonIncidents(`\uFEFF${fixture}`)).drafts.length, 3, 'a BOM is allowed');
});

test('export: a Point feature with every wire field; streamed text parses to the same collection', () => {
  const w = wireIncident({}, { governorate: 'Kirkuk' });
  const f = toIncidentFeature(w);
  assert.deepEqual(f.geometry, { type: 'Point', coordinates: [44.392, 35.468] });
  assert.equal(f.id, w.id);
  assert.deepEqual(f.properties, w);
  const ws = [w, wireIncident({ id: 'two', place: null, narrative: 'line\n"quoted"</script>' })];
  assert.deepEqual(
    JSON.parse(Array.from(formatIncidentFeatureCollection(ws)).join('')),
    toIncidentFeatureCollection(ws),
  );
  assert.deepEqual(JSON.parse(Array.from(formatIncidentFeatureCollection([])).join('')), {
    type: 'FeatureCollection',
    features: [],
  });
});

test('export then import keeps every field an import carries', () => {
  const w = wireIncident({ timePrecision: 'days', exercise: true, source: 'acled', sourceId: 'IRQ1' });
  const [d] = collectRows(decodeGeoJsonIncidents(toIncidentFeatureCollection([w, wireIncident()]))).drafts;
  assert.deepEqual(
    [
      d.sourceId,
      d.type,
      d.time,
      d.timePrecision,
      d.lon,
      d.lat,
      d.locationPrecision,
      d.place,
      d.narrative,
      d.casualties,
      d.exercise,
    ],
    ['IRQ1', w.type, w.time, 'days', w.lon, w.lat, w.location_precision, w.place, w.narrative, w.casualties, true],
  );
  assert.equal(
    collectRows(decodeGeoJsonIncidents(toIncidentFeatureCollection([wireIncident()]))).drafts[0].sourceId,
    wireIncident().id,
  );
});

test('property: arbitrary values and text never throw', () => {
  const props = fc.record(
    {
      type: fc.oneof(fc.constantFrom('ied', 'sighting'), fc.anything()),
      time: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
        fc.anything(),
      ),
      source_id: fc.oneof(fc.string(), fc.anything()),
      casualties: fc.anything(),
      grading: fc.oneof(fc.constantFrom('A1', 'f6', null), fc.anything()),
      place: fc.oneof(fc.string(), fc.anything()),
    },
    { requiredKeys: [] },
  );
  const coords = fc.array(fc.oneof(fc.double(), fc.anything()), { maxLength: 4 });
  const value = fc.oneof(
    fc.anything(),
    fc.array(fc.tuple(props, coords), { maxLength: 4 }).map((fs) => ({
      type: 'FeatureCollection',
      features: fs.map(([p, c]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: p })),
    })),
  );
  fc.assert(
    fc.property(value, (v) => {
      for (const r of decodeGeoJsonIncidents(v)) {
        if ('ok' in r) assert.ok(Math.abs(r.ok.lon) <= 180 && Math.abs(r.ok.lat) <= 90);
      }
    }),
    { numRuns: 1500 },
  );
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      Array.from(importGeoJsonIncidents(text));
    }),
    { numRuns: 500 },
  );
});
