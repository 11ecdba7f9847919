import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { wireIncident } from '../../test/fixtures/io/wire-incidents.ts';
import { incidentTypeCodes, incidentTypes } from '../domain/taxonomy.ts';
import {
  acledColumns,
  acledDisorderType,
  formatAcledCsv,
  importAcled,
  importAcledAsync,
  parseAcledDate,
  toAcledRow,
} from './acled.ts';
import { formatCsv, readCsv } from './csv.ts';
import { FieldError } from './draft-fields.ts';
import { collectRows, collectRowsAsync, type RowError } from './incident-draft.ts';

const fixture = readFileSync(new URL('../../test/fixtures/io/acled-sample.csv', import.meta.url), 'utf8');
const sample = collectRows(importAcled(fixture));
const bySource = (id: string) => sample.drafts.find((d) => d.sourceId === id)!;
const records = Array.from(readCsv(fixture), (r) => r.fields);
const header = records[0];

function oneRow(changes: Record<string, string>, base = records[1]): string {
  const row = base.slice();
  for (const [k, v] of Object.entries(changes)) row[header.indexOf(k)] = v;
  return formatCsv([header, row], { neutraliseFormulas: false });
}

function onlyError(text: string): RowError {
  const r = collectRows(importAcled(text));
  assert.equal(r.errors.length, 1, JSON.stringify(r));
  assert.equal(r.drafts.length, 0);
  return r.errors[0];
}

test('the sample has all 31 columns and imports every row with its line', () => {
  assert.deepEqual(header, [...acledColumns]);
  assert.equal(acledColumns.length, 31);
  assert.deepEqual(sample.errors, []);
  assert.deepEqual(
    sample.drafts.map((d) => [d.sourceId, d.line]),
    [
      ['IRQ10001', 2],
      ['IRQ10002', 3],
      ['IRQ10003', 4],
      ['IRQ10004', 6],
      ['SEAM-0001', 7],
      ['IRQ10006', 8],
    ],
  );
});

test('a battle row: every column mapping', () => {
  assert.deepEqual(bySource('IRQ10001'), {
    format: 'acled',
    line: 2,
    sourceId: 'IRQ10001',
    type: 'armed_clash',
    time: '2023-05-14T00:00:00.000Z',
    timePrecision: 'day',
    lon: 43.9512,
    lat: 35.4421,
    locationPrecision: 'exact',
    place: 'Al-Riyad',
    narrative:
      'On 14 May 2023, ISF clashed with IS militants near Al-Riyad. 3 IS militants were killed.\n' +
      'ACLED fatalities: 3 (not attributed).',
    casualties: { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } },
    otherKilled: 3,
    fatalities: { best: 3, low: null, high: null },
    grading: null,
    exercise: false,
  });
});

test('dates, time_precision 1/2/3 and geo_precision 1/2/3', () => {
  const d2 = bySource('IRQ10002');
  const d3 = bySource('IRQ10003');
  assert.deepEqual(
    [d2.time, d2.timePrecision, d2.locationPrecision],
    ['2023-01-15T00:00:00.000Z', 'week', 'near_place'],
  );
  assert.deepEqual(
    [d3.time, d3.timePrecision, d3.locationPrecision],
    ['2023-02-01T00:00:00.000Z', 'month', 'district'],
  );
  assert.equal(parseAcledDate('7 Sept 2023'), '2023-09-07T00:00:00.000Z');
  assert.equal(parseAcledDate('31-december-2022'), '2022-12-31T00:00:00.000Z');
  for (const bad of ['31 February 2023', '1 Frimaire 2023', '01/02/2023', '2023-13-01', ''])
    assert.throws(() => parseAcledDate(bad), FieldError, bad);
});

test('fatalities: civilians when civilian_targeting is set, otherwise otherKilled and a narrative note', () => {
  const d3 = bySource('IRQ10003');
  assert.equal(d3.type, 'attack_on_civilians');
  assert.deepEqual(d3.casualties.civilians, { killed: 4, wounded: 0, abducted: 0 });
  assert.equal(d3.otherKilled, 0);
  assert.equal(d3.narrative, 'In February 2023, IS militants killed 4 shepherds\nnear Makhmour.');
  const d2 = bySource('IRQ10002');
  assert.deepEqual([d2.casualties.civilians.killed, d2.otherKilled], [0, 2]);
  assert.match(d2.narrative, /\nACLED fatalities: 2 \(not attributed\)\.$/);
  assert.equal(bySource('IRQ10004').narrative, 'Security forces fired on protesters.', 'no note for 0');
});

test('types: the plain ACLED code wins; "protestors" reads as protesters; seam tags restore type, grading, exercise', () => {
  assert.equal(bySource('IRQ10002').type, 'ied');
  assert.equal(bySource('IRQ10004').type, 'excessive_force_against_protesters');
  const own = bySource('SEAM-0001');
  assert.deepEqual(
    [own.type, own.grading, own.exercise],
    ['checkpoint_attack', { reliability: 'B', credibility: 2 }, true],
  );
  assert.equal(bySource('IRQ10006').type, 'arrest', 'a seam-type tag that disagrees with the columns is ignored');
  assert.equal(bySource('IRQ10006').narrative, '=HYPERLINK("http://example.invalid","x") arrested suspects');
  for (const code of incidentTypeCodes) {
    const t = incidentTypes[code];
    const [d] = collectRows(
      importAcled(oneRow({ event_type: t.acledEventType.toUpperCase(), sub_event_type: ` ${t.acledSubEventType} ` })),
    ).drafts;
    assert.ok(d, code);
    assert.equal(incidentTypes[d.type].jcc, false, code);
    assert.equal(d.type === code, !t.jcc, code);
  }
});

test('bad cells are refused naming the line and the column', () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ event_type: 'Battle' }, 'event_type', /unknown ACLED event type "Battle"/],
    [
      { sub_event_type: 'Attack' },
      'sub_event_type',
      /unknown sub-event type "Attack" for Battles \(known: Armed clash/,
    ],
    [{ event_date: '14/05/2023' }, 'event_date', /expected a date/],
    [{ time_precision: '4' }, 'time_precision', /expected one of 1, 2, 3/],
    [{ geo_precision: '' }, 'geo_precision', /expected one of 1, 2, 3/],
    [{ latitude: 'north' }, 'latitude', /decimal/],
    [{ longitude: '181' }, 'longitude', /outside -180..180/],
    [{ fatalities: 'many' }, 'fatalities', /whole number/],
    [{ event_id_cnty: '' }, 'event_id_cnty', /missing/],
    [{ location: 'x'.repeat(201) }, 'location', /longer than 200/],
    [{ notes: 'x'.repeat(20_001) }, 'notes', /longer than 20000/],
    [{ tags: 'seam-grading=Z9' }, 'tags', /Admiralty/],
  ];
  for (const [changes, field, reason] of cases) {
    const e = onlyError(oneRow(changes));
    assert.deepEqual([e.where, e.field], ['line 2', field], JSON.stringify(changes));
    assert.match(e.reason, reason);
  }
});

test('a header lacking columns is one fatal error; an HXL row is skipped; extra columns are fine', () => {
  const older = header.filter((c) => c !== 'civilian_targeting' && c !== 'geo_precision');
  const e = onlyError(formatCsv([older, older]));
  assert.deepEqual(
    [e.fatal, e.field, e.reason],
    [true, 'header', 'the ACLED CSV header lacks columns civilian_targeting, geo_precision'],
  );
  const hxl = header.map((c) => `#${c.replaceAll('_', '+')}`);
  const withHxl = formatCsv([
    [...header, 'extra'],
    [...hxl, ''],
    [...records[1], 'x'],
  ]);
  const r = collectRows(importAcled(withHxl));
  assert.deepEqual([r.errors, r.drafts.length, r.drafts[0].line], [[], 1, 3]);
});

test('the async import agrees with the sync one', async () => {
  const fromAsync = await collectRowsAsync(importAcledAsync([fixture.slice(0, 500), fixture.slice(500)]));
  assert.deepEqual(fromAsync, sample);
});

test('export: the 31 columns from the wire form', () => {
  const w = wireIncident({}, { governorate: 'Kirkuk', district: 'Kirkuk' });
  assert.deepEqual(toAcledRow(w), {
    event_id_cnty: w.id,
    event_date: '2024-03-02',
    year: 2024,
    time_precision: 1,
    disorder_type: 'Political violence',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: '',
    assoc_actor_1: '',
    inter1: '',
    actor2: '',
    assoc_actor_2: '',
    inter2: '',
    interaction: '',
    civilian_targeting: '',
    iso: '',
    region: '',
    country: '',
    admin1: 'Kirkuk',
    admin2: 'Kirkuk',
    admin3: '',
    location: 'Kirkuk',
    latitude: 35.468,
    longitude: 44.392,
    geo_precision: 2,
    source: 'Seam (peshmerga)',
    source_scale: '',
    notes: 'Small-arms fire on the checkpoint.',
    fatalities: 3,
    tags: 'seam-type=checkpoint_attack; seam-grading=B2',
    timestamp: 1709404205,
  });
});

test('export: ids, precisions, civilian targeting, exercise tag and disorder types', () => {
  const imported = toAcledRow(wireIncident({ source: 'acled', sourceId: 'IRQ999', exercise: true, grading: null }));
  assert.equal(imported.event_id_cnty, 'IRQ999');
  assert.equal(imported.source, 'acled via Seam (peshmerga)');
  assert.equal(imported.tags, 'seam-exercise; seam-type=checkpoint_attack');
  assert.equal(toAcledRow(wireIncident({ source: 'kml', sourceId: 'x' })).event_id_cnty, wireIncident().id);
  const tp = (['day', 'days', 'week', 'month', 'year'] as const).map(
    (p) => toAcledRow(wireIncident({ timePrecision: p })).time_precision,
  );
  assert.deepEqual(tp, [1, 2, 2, 3, 3]);
  const gp = (['exact', 'near_place', 'district', 'governorate'] as const).map(
    (p) => toAcledRow(wireIncident({ locationPrecision: p })).geo_precision,
  );
  assert.deepEqual(gp, [1, 2, 3, 3]);
  const vac = toAcledRow(wireIncident({ type: 'kidnapping', place: null }));
  assert.deepEqual(
    [vac.civilian_targeting, vac.sub_event_type, vac.location],
    ['Civilian targeting', 'Abduction/forced disappearance', ''],
  );
  assert.equal(
    acledDisorderType('Protests', 'Excessive force against protesters'),
    'Political violence; Demonstrations',
  );
  assert.equal(acledDisorderType('Riots', 'Mob violence'), 'Political violence; Demonstrations');
  assert.equal(acledDisorderType('Riots', 'Violent demonstration'), 'Demonstrations');
  assert.equal(acledDisorderType('Strategic developments', 'Arrests'), 'Strategic developments');
  assert.equal(acledDisorderType('Explosions/Remote violence', 'Grenade'), 'Political violence');
});

test('export then import round-trips what ACLED can carry, formulas neutralised', () => {
  const incidents = [
    wireIncident(),
    wireIncident({ id: 'b', type: 'abduction', narrative: '=cmd|" /C calc"!A0', lon: -0.5, timePrecision: 'month' }),
  ];
  const csv = Array.from(formatAcledCsv(incidents)).join('');
  assert.ok(csv.includes(`"'=cmd|"" /C calc""!A0"`), 'formula neutralised');
  assert.ok(csv.includes(',-0.5,'), 'negative number kept numeric');
  const r = collectRows(importAcled(Array.from(formatAcledCsv(incidents, { byteOrderMark: true }))));
  assert.deepEqual(r.errors, []);
  const [a, b] = r.drafts;
  assert.deepEqual(
    [a.sourceId, a.type, a.time, a.lon, a.lat, a.place, a.locationPrecision, a.grading],
    [
      incidents[0].id,
      'checkpoint_attack',
      '2024-03-02T00:00:00.000Z',
      44.392,
      35.468,
      'Kirkuk',
      'near_place',
      { reliability: 'B', credibility: 2 },
    ],
  );
  assert.equal(a.otherKilled, 3, 'killed of every kind, not civilian-targeted');
  assert.deepEqual([b.type, b.timePrecision, b.casualties.civilians.killed], ['abduction', 'month', 3]);
  assert.equal(b.narrative, `'=cmd|" /C calc"!A0`, 'the importer does not strip the neutralising quote');
});

test('property: arbitrary text and arbitrary cells never throw', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'Battles',
      'Armed clash',
      'Protests',
      '1',
      '3',
      '15 May 2023',
      '-0',
      'seam-type=ied',
      'seam-grading=x',
    ),
  );
  const file = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc
      .array(fc.tuple(fc.constantFrom(...acledColumns), cell), { maxLength: 10 })
      .map((c) => oneRow(Object.fromEntries(c))),
  );
  fc.assert(
    fc.property(file, (text) => {
      for (const r of importAcled(text)) {
        if ('ok' in r) assert.ok(r.ok.casualties.civilians.killed <= 100_000);
        else assert.ok(r.error.where.startsWith('line '));
      }
    }),
    { numRuns: 1000 },
  );
});

test('an ACLED file as HDX distributes it (an HXL row, no tags) imports whole; the absent tags are reported', () => {
  const hdx = readFileSync(new URL('../../test/fixtures/io/acled-hdx-irq.csv', import.meta.url), 'utf8');
  let absent: string[] = [];
  const r = collectRows(importAcled(hdx, { onHeader: (h) => (absent = h.absentOptional) }));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(absent, ['tags']);
  const own = (id: string) => ({ ...bySource(id), line: 0 });
  assert.deepEqual(
    r.drafts.map((d) => [d.sourceId, d.line]),
    [
      ['IRQ10001', 3],
      ['IRQ10002', 4],
      ['IRQ10003', 5],
      ['IRQ10004', 7],
    ],
  );
  for (const d of r.drafts)
    assert.deepEqual({ ...d, line: 0 }, own(d.sourceId), 'the same draft as from the full layout');
});

test('location and notes may be absent; the columns that decide type, time, place and deaths may not', () => {
  const columns = header.filter((c) => c !== 'location' && c !== 'notes');
  const row = records[1].filter((_, i) => header[i] !== 'location' && header[i] !== 'notes');
  let absent: string[] = [];
  const r = collectRows(importAcled(formatCsv([columns, row]), { onHeader: (h) => (absent = h.absentOptional) }));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(absent, ['location', 'notes']);
  assert.deepEqual([r.drafts[0].place, r.drafts[0].narrative], [null, 'ACLED fatalities: 3 (not attributed).']);
  for (const required of ['event_id_cnty', 'event_type', 'time_precision', 'geo_precision', 'fatalities']) {
    const e = onlyError(formatCsv([header.filter((c) => c !== required), row]));
    assert.deepEqual([e.fatal, e.reason], [true, `the ACLED CSV header lacks column ${required}`]);
  }
});
