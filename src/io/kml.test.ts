import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { wireIncident } from '../../test/fixtures/io/wire-incidents.ts';
import { collectRows, formatRowError } from './incident-draft.ts';
import { formatKml, importKml, toKml } from './kml.ts';
import { xmlSafe } from './xml-escape.ts';
import { descendants, parseXml } from './xml-reader.ts';

const fixture = readFileSync(new URL('../../test/fixtures/io/incidents.kml', import.meta.url), 'utf8');
const sample = collectRows(importKml(fixture));

/** A KML document holding one placemark with the given inner XML. */
const kml = (inner: string) =>
  `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n<Placemark id="p">${inner}</Placemark></Document></kml>`;
const data = (pairs: Record<string, string>) =>
  `<ExtendedData>${Object.entries(pairs)
    .map(([k, v]) => `<Data name="${k}"><value>${v}</value></Data>`)
    .join('')}</ExtendedData>`;
const good = {
  point: '<Point><coordinates>44.1,35.2</coordinates></Point>',
  when: '<TimeStamp><when>2024-01-02T03:04:05Z</when></TimeStamp>',
  data: { type: 'ied' } as Record<string, string>,
};
function placemark(p: Partial<typeof good> = {}) {
  const g = { ...good, ...p };
  return kml(`${g.point}${g.when}${data(g.data)}`);
}
function onlyError(text: string): string {
  const r = collectRows(importKml(text));
  assert.equal(r.errors.length, 1, JSON.stringify(r));
  return formatRowError(r.errors[0]);
}

test('the sample: a Data placemark maps every element', () => {
  assert.deepEqual(sample.errors, []);
  assert.deepEqual(sample.drafts[0], {
    format: 'kml',
    line: 11,
    index: 0,
    sourceId: 'pm-1',
    type: 'ied',
    time: '2024-03-02T18:15:00.000Z',
    timePrecision: 'day',
    lon: 44.392,
    lat: 35.468,
    locationPrecision: 'near_place',
    place: 'Kirkuk <north>',
    narrative: 'IED strike on the "Route Tampa" culvert – one vehicle damaged.\nSecond line & more.',
    casualties: {
      forces: [{ org: 'isf', killed: 0, wounded: 2, abducted: 0 }],
      civilians: { killed: 0, wounded: 0, abducted: 0 },
    },
    otherKilled: 0,
    fatalities: null,
    grading: { reliability: 'C', credibility: 3 },
    exercise: false,
  });
});

test('the sample: SchemaData, CDATA, a month-only when, civilian counts, exercise, derived precision', () => {
  const [, second, third] = sample.drafts;
  assert.deepEqual(
    [second.index, second.sourceId, second.type, second.time, second.timePrecision, second.place, second.exercise],
    [1, 'DIY-77', 'abduction', '2024-03-01T00:00:00.000Z', 'month', 'Jalawla', true],
  );
  assert.equal(second.narrative, '<p>Armed men <b>abducted</b> two farmers & fled east.</p>');
  assert.deepEqual(second.casualties.civilians, { killed: 0, wounded: 0, abducted: 2 });
  assert.deepEqual(
    [third.sourceId, third.time, third.timePrecision, third.locationPrecision, third.narrative, third.grading],
    ['pm-3', '2024-03-05T00:00:00.000Z', 'days', 'exact', '', null],
  );
});

test('a missing type is refused, never guessed, naming the placemark and field', () => {
  assert.equal(
    onlyError(placemark({ data: {} })),
    'placemark 0 (line 2): ExtendedData type: missing (the incident type is never guessed)',
  );
  assert.equal(
    onlyError(placemark({ data: { type: 'bombing' } })),
    'placemark 0 (line 2): ExtendedData type: unknown incident type "bombing"',
  );
});

test('bad placemarks: each error names the placemark, its line and the field', () => {
  const cases: [Partial<typeof good>, string][] = [
    [{ point: '' }, 'Point: missing'],
    [
      { point: '<LineString><coordinates>1,2 3,4</coordinates></LineString>' },
      'Point: expected a Point, found <LineString>',
    ],
    [
      { point: '<Point><coordinates>1,2 3,4</coordinates></Point>' },
      'Point/coordinates: expected one "lon,lat[,alt]", found 2',
    ],
    [
      { point: '<Point><coordinates></coordinates></Point>' },
      'Point/coordinates: expected one "lon,lat[,alt]", found 0',
    ],
    [
      { point: '<Point><coordinates>44.1</coordinates></Point>' },
      'Point/coordinates: expected "lon,lat[,alt]", got "44.1"',
    ],
    [
      { point: '<Point><coordinates>44.1,95</coordinates></Point>' },
      'Point/coordinates: latitude 95 is outside -90..90',
    ],
    [
      { point: '<Point><coordinates>east,35</coordinates></Point>' },
      'Point/coordinates: expected a decimal number, got "east"',
    ],
    [{ when: '' }, 'TimeStamp/when: missing'],
    [
      { when: '<TimeStamp><when>2024-01-02T03:04:05</when></TimeStamp>' },
      'TimeStamp/when: "2024-01-02T03:04:05" has no time zone (add Z or ±hh:mm)',
    ],
    [
      { when: '<TimeStamp><when>yesterday</when></TimeStamp>' },
      'TimeStamp/when: expected an ISO-8601 date-time with a time zone, got "yesterday"',
    ],
    [
      { when: '<TimeStamp><when>2024-13</when></TimeStamp>' },
      'TimeStamp/when: expected a date YYYY-MM-DD, got "2024-13-01"',
    ],
    [
      { data: { type: 'ied', time_precision: 'hour' } },
      'ExtendedData time_precision: expected one of day, days, week, month, year, got "hour"',
    ],
    [
      { data: { type: 'ied', location_precision: 'x' } },
      'ExtendedData location_precision: expected one of exact, near_place, district, governorate, got "x"',
    ],
    [
      { data: { type: 'ied', grading: 'Q' } },
      'ExtendedData grading: expected an Admiralty code such as B2 (reliability A-F, credibility 1-6), got "Q"',
    ],
    [{ data: { type: 'ied', exercise: 'maybe' } }, 'ExtendedData exercise: expected true or false'],
    [
      { data: { type: 'ied', casualties: '{oops' } },
      'ExtendedData casualties: expected the JSON form {"forces":[…],"civilians":{…}}',
    ],
    [
      { data: { type: 'ied', casualties: '{"civilians":{"killed":-2}}' } },
      'ExtendedData casualties.civilians.killed: Too small: expected number to be >=0',
    ],
    [
      { data: { type: 'ied', civilians_killed: 'two' } },
      'ExtendedData civilians_killed: expected a whole number, got "two"',
    ],
    [{ data: { type: 'ied', place: 'x'.repeat(201) } }, 'ExtendedData place: longer than 200 characters'],
  ];
  for (const [p, message] of cases) assert.equal(onlyError(placemark(p)), `placemark 0 (line 2): ${message}`);
  const long = kml(`${good.point}${good.when}${data(good.data)}<description>${'x'.repeat(20_001)}</description>`);
  assert.equal(onlyError(long), 'placemark 0 (line 2): description: longer than 20000 characters (20001)');
  const noId = placemark().replace(' id="p"', '');
  assert.equal(
    onlyError(noId),
    'placemark 0 (line 2): ExtendedData source_id: missing: give ExtendedData source_id or id, or the Placemark an id',
  );
});

test('ExtendedData time, source_id over id over the Placemark id, place over name, year-only when', () => {
  const r = collectRows(
    importKml(
      kml(
        `<name>Shown name</name>${good.point}${data({ type: 'ied', time: '2023', id: 'wire-id', source_id: 'SRC', place: '' })}`,
      ),
    ),
  );
  assert.deepEqual(r.errors, []);
  const [d] = r.drafts;
  assert.deepEqual([d.time, d.timePrecision, d.sourceId, d.place], ['2023-01-01T00:00:00.000Z', 'year', 'SRC', null]);
  const [e] = collectRows(importKml(kml(`${good.point}${good.when}${data({ type: 'ied', id: 'wire-id' })}`))).drafts;
  assert.equal(e.sourceId, 'wire-id');
});

test('a bad placemark does not stop the others; XML that is not well-formed, or not KML, is one fatal error', () => {
  const two = fixture.replace('<value>sighting</value>', '<value>nope</value>');
  const r = collectRows(importKml(two));
  assert.deepEqual(
    [r.drafts.length, r.errors.length, r.errors[0].index, r.errors[0].line, r.fatal],
    [2, 1, 2, 44, false],
  );
  const broken = collectRows(importKml(fixture.replace('</Folder>', '')));
  assert.equal(broken.fatal, true);
  assert.equal(broken.drafts.length, 0);
  assert.equal(
    formatRowError(broken.errors[0]),
    'line 54: not well-formed XML: </Document> closes <Folder> opened on line 9',
  );
  const other = collectRows(importKml('<gpx><Placemark/></gpx>'));
  assert.equal(formatRowError(other.errors[0]), 'line 1: expected a <kml> document, found <gpx>');
  assert.deepEqual(collectRows(importKml('<kml><Document/></kml>')), { drafts: [], errors: [], fatal: false });
});

test('export: one escaped Placemark per incident with ExtendedData for the wire fields', () => {
  const hostile = wireIncident({
    id: 'h',
    place: null,
    narrative: '</description><script>alert(1)</script> & "x" ]]> \u0007',
    exercise: true,
  });
  const text = toKml([wireIncident({}, { governorate: 'Kirkuk' }), hostile], 'JCC <Kirkuk>');
  const root = parseXml(text);
  assert.equal(root.name, 'kml');
  const pms = descendants(root, 'Placemark');
  assert.equal(pms.length, 2);
  assert.ok(!text.includes('<script>'));
  assert.ok(text.includes('<name>JCC &lt;Kirkuk&gt;</name>'));
  assert.ok(text.includes('<Data name="governorate"><value>Kirkuk</value></Data>'));
  assert.ok(text.includes('<name>Checkpoint attack</name>'), 'no place: the type label names the placemark');
  const names = descendants(pms[0], 'Data').map((d) => d.attrs.name);
  assert.deepEqual(
    names.filter((n) => ['lon', 'lat', 'time', 'narrative'].includes(n)),
    [],
  );
  for (const k of [
    'id',
    'type',
    'time_precision',
    'location_precision',
    'place',
    'casualties',
    'grading',
    'source_id',
    'exercise',
    'releasability',
  ])
    assert.ok(names.includes(k), k);
  assert.equal(Array.from(formatKml([])).join(''), toKml([]));
});

test('export then import round-trips every field KML carries', () => {
  const ws = [
    wireIncident(),
    wireIncident({
      id: 'x2',
      type: 'sighting',
      place: null,
      grading: null,
      timePrecision: 'week',
      locationPrecision: 'district',
      lon: -0.0000001,
      lat: -45.5,
      source: 'ucdp-ged',
      sourceId: '244657',
      exercise: true,
      narrative: 'line one\r\nline two\t& <b>',
    }),
  ];
  const r = collectRows(importKml(toKml(ws)));
  assert.deepEqual(r.errors, []);
  for (const [i, d] of r.drafts.entries()) {
    const w = ws[i];
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
      [
        w.source_id ?? w.id,
        w.type,
        w.time,
        w.time_precision,
        w.lon,
        w.lat,
        w.location_precision,
        w.place,
        w.narrative,
        w.casualties,
        w.exercise,
      ],
    );
    assert.equal(d.grading && `${d.grading.reliability}${d.grading.credibility}`, w.grading);
  }
});

test('property: any narrative and place survive export and import (trimmed, minus what XML cannot carry)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }), (narrative, place) => {
      const w = wireIncident({ narrative, place: place.trim() === '' ? null : place.trim() });
      const r = collectRows(importKml(toKml([w])));
      assert.deepEqual(r.errors, []);
      assert.equal(r.drafts[0].narrative, xmlSafe(narrative).trim());
      assert.equal(r.drafts[0].place, w.place === null ? null : xmlSafe(w.place).trim() || null);
    }),
    { numRuns: 1000 },
  );
});

test('property: arbitrary input never throws', () => {
  const piece = fc.constantFrom(
    '<kml>',
    '</kml>',
    '<Placemark>',
    '</Placemark>',
    '<Point><coordinates>',
    '</coordinates></Point>',
    '44,35',
    '<ExtendedData><Data name="type"><value>',
    '</value></Data></ExtendedData>',
    'ied',
    '<TimeStamp><when>',
    '</when></TimeStamp>',
    '2024-01-01',
    '<name>',
    '</name>',
    '&amp;',
    '&',
    '<![CDATA[',
    ']]>',
    ' ',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(text, (s) => {
      for (const r of importKml(s)) if ('error' in r) assert.ok(r.error.reason.length > 0);
    }),
    { numRuns: 3000 },
  );
});
