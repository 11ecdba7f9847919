import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatCsv, readCsv } from './csv.ts';
import { collectRows, type IncidentDraft, type RowError } from './incident-draft.ts';
import { importUcdpGed, importUcdpGedAsync, toUcdpDatePrec, toUcdpWherePrec, ucdpGedColumns } from './ucdp-ged.ts';

const fixture = readFileSync(new URL('../../test/fixtures/io/ucdp-ged-sample.csv', import.meta.url), 'utf8');
const sample = collectRows(importUcdpGed(fixture));
const bySource = (id: string) => sample.drafts.find((d) => d.sourceId === id)!;

/** The fixture's records (header, HXL row, events) as arrays of fields. */
const records = Array.from(readCsv(fixture), (r) => r.fields);
const header = records[0];
const firstEvent = records[2];

/** A one-event file built from the first fixture event with some columns replaced. */
function oneRow(changes: Record<string, string>, columns: readonly string[] = header): string {
  const row = firstEvent.slice();
  for (const [k, v] of Object.entries(changes)) row[header.indexOf(k)] = v;
  return formatCsv([columns.slice(), row], { neutraliseFormulas: false });
}

function onlyError(text: string): RowError {
  const r = collectRows(importUcdpGed(text));
  assert.equal(r.drafts.length, 0);
  assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
  return r.errors[0];
}

test('the sample imports every event, skipping the HXL row, each with its starting line', () => {
  assert.deepEqual(sample.errors, []);
  assert.deepEqual(
    sample.drafts.map((d) => [d.sourceId, d.line]),
    [
      ['244657', 3],
      ['244658', 4],
      ['244659', 5],
      ['244660', 6],
      ['244661', 8],
      ['244662', 9],
      ['244663', 10],
    ],
  );
  assert.ok(sample.drafts.every((d) => d.format === 'ucdp-ged' && d.grading === null && !d.exercise));
  assert.equal(ucdpGedColumns.length, 49);
  assert.deepEqual(header, [...ucdpGedColumns]);
});

test('a state-based event: every column mapping', () => {
  const d = bySource('244657');
  assert.deepEqual({ ...d, narrative: undefined }, {
    format: 'ucdp-ged',
    line: 3,
    sourceId: '244657',
    type: 'armed_clash',
    time: '2017-03-13T00:00:00.000Z',
    timePrecision: 'day',
    lon: 44.392,
    lat: 35.468,
    locationPrecision: 'exact',
    place: 'Kirkuk town',
    narrative: undefined,
    casualties: { forces: [], civilians: { killed: 1, wounded: 0, abducted: 0 } },
    otherKilled: 7,
    fatalities: { best: 8, low: 8, high: 10 },
    grading: null,
    exercise: false,
  } satisfies Omit<Record<keyof IncidentDraft, unknown>, 'index' | 'raw'>);
  assert.equal(
    d.narrative,
    'Clashes near Kirkuk, "heavy" fighting reported\nWhere: Kirkuk town\n' +
      'UCDP GED state-based violence. Deaths: Government of Iraq 2, IS 5, civilians 1, unknown 0; ' +
      'best estimate 8 (low 8, high 10).',
  );
});

test('type_of_violence: 1 and 2 → armed_clash, 3 → attack_on_civilians', () => {
  assert.equal(bySource('244657').type, 'armed_clash');
  assert.equal(bySource('244659').type, 'armed_clash');
  assert.equal(bySource('244658').type, 'attack_on_civilians');
  assert.match(bySource('244659').narrative, /non-state violence/);
  assert.match(bySource('244658').narrative, /one-sided violence.*civilians 4/);
  assert.equal(bySource('244658').casualties.civilians.killed, 4);
  assert.equal(bySource('244658').otherKilled, 0);
});

test('date_prec 1-5 → day, days, week, month, year; date_start with a time of day', () => {
  const precision = (id: string) => bySource(id).timePrecision;
  assert.deepEqual(['244657', '244659', '244660', '244658', '244661'].map(precision), [
    'day',
    'days',
    'week',
    'month',
    'year',
  ]);
  assert.equal(bySource('244659').time, '2019-03-01T00:00:00.000Z');
  for (const p of ['day', 'days', 'week', 'month', 'year'] as const) {
    const id = { day: '244657', days: '244659', week: '244660', month: '244658', year: '244661' }[p];
    assert.equal(toUcdpDatePrec(p), Number(records.find((r) => r[0] === id)![header.indexOf('date_prec')]));
  }
});

test('where_prec 1-4 map one to one; 5-7 → governorate, with the loss noted in the narrative', () => {
  const precision = (id: string) => bySource(id).locationPrecision;
  assert.deepEqual(['244657', '244660', '244658', '244661', '244662', '244659', '244663'].map(precision), [
    'exact',
    'near_place',
    'district',
    'governorate',
    'governorate',
    'governorate',
    'governorate',
  ]);
  assert.match(bySource('244662').narrative, /UCDP where_prec 5/);
  assert.match(bySource('244659').narrative, /UCDP where_prec 6/);
  assert.match(bySource('244663').narrative, /UCDP where_prec 7/);
  assert.doesNotMatch(bySource('244661').narrative, /where_prec/);
  assert.deepEqual((['exact', 'near_place', 'district', 'governorate'] as const).map(toUcdpWherePrec), [1, 2, 3, 4]);
});

test('deaths: civilians counted, the rest kept as otherKilled and in the narrative; empty counts are 0', () => {
  const d = bySource('244659');
  assert.equal(d.otherKilled, 1 + 2 + 3);
  assert.match(d.narrative, /^Where: Iraq\n/, 'an empty headline adds no line');
  assert.match(d.narrative, /PKK 1, IS 2, civilians 0, unknown 3; best estimate 6 \(low 5, high 6\)/);
  assert.equal(bySource('244661').otherKilled, 12, 'deaths_a empty counts as 0');
  assert.match(bySource('244660').narrative, /^Ambush on patrol\nsecond source: "convoy hit"\nWhere: near Daquq/);
});

test('bad cells are refused naming the line and the column', () => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ type_of_violence: '4' }, 'type_of_violence', /expected one of 1, 2, 3, got "4"/],
    [{ date_prec: '0' }, 'date_prec', /expected one of 1, 2, 3, 4, 5/],
    [{ where_prec: '8' }, 'where_prec', /expected one of 1, 2, 3, 4, 5, 6, 7/],
    [{ date_start: '2017-02-30' }, 'date_start', /expected a date YYYY-MM-DD/],
    [{ date_start: '13/03/2017' }, 'date_start', /expected a date/],
    [{ latitude: '95' }, 'latitude', /latitude 95 is outside -90..90/],
    [{ longitude: '44,39' }, 'longitude', /expected a decimal number/],
    [{ longitude: '' }, 'longitude', /missing/],
    [{ id: ' ' }, 'id', /missing/],
    [{ deaths_civilians: '-1' }, 'deaths_civilians', /whole number/],
    [{ deaths_civilians: '100001' }, 'deaths_civilians', /more than 100000/],
    [{ best: '2.5' }, 'best', /whole number/],
    [{ source_headline: 'x'.repeat(20_001) }, 'source_headline', /longer than 20000/],
  ];
  for (const [changes, field, reason] of cases) {
    const e = onlyError(oneRow(changes));
    assert.deepEqual([e.line, e.where, e.field, e.fatal], [2, 'line 2', field, undefined], JSON.stringify(changes));
    assert.match(e.reason, reason);
  }
});

test('a long where_description is cut for place and kept whole in the narrative', () => {
  const long = `Between ${'village '.repeat(40)}and the river`;
  const [d] = collectRows(importUcdpGed(oneRow({ where_description: long }))).drafts;
  assert.equal(d.place?.length, 200);
  assert.ok(d.place?.endsWith('…'));
  assert.ok(d.narrative.includes(long));
});

test('a header missing columns is one fatal error naming all of them', () => {
  const columns = header.filter((c) => !['date_prec', 'best', 'latitude'].includes(c));
  const text = formatCsv([columns, columns.map(() => 'x')]);
  const e = onlyError(text);
  assert.equal(e.fatal, true);
  assert.equal(e.field, 'header');
  assert.equal(e.reason, 'the UCDP GED CSV header lacks columns latitude, date_prec, best');
  assert.equal(onlyError('').reason, 'the file is empty: expected a UCDP GED CSV header');
});

test('rows of the wrong width, broken quoting and keepRaw', () => {
  const text = `${oneRow({})}1,2,3\r\n`;
  const r = collectRows(importUcdpGed(text, { keepRaw: true }));
  assert.equal(r.drafts.length, 1);
  assert.equal(r.drafts[0].raw?.conflict_name, 'Iraq: Government');
  assert.deepEqual(r.errors, [{ line: 3, where: 'line 3', reason: 'expected 49 fields as in the header, found 3' }]);
  const broken = collectRows(importUcdpGed(`${oneRow({})}"unterminated,1\r\n2,3\r\n`));
  assert.equal(broken.fatal, true);
  assert.equal(broken.drafts.length, 1);
  assert.match(broken.errors[0].reason, /line 3 is never closed; the rest of the file was not read/);
});

test('the async import gives the same results from a stream of byte chunks', async () => {
  const bytes = new TextEncoder().encode(fixture);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 97) yield bytes.subarray(i, i + 97);
  }
  const results = [];
  for await (const r of importUcdpGedAsync(chunks())) results.push(r);
  assert.deepEqual(results, Array.from(importUcdpGed(fixture)));
});

test('property: arbitrary text and arbitrary cells never throw; every result is a draft or a located error', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom('1', '3', '7', '2017-01-01', '44.5', '-91', '', '#x', '"'));
  const arbitraryFile = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc
      .array(fc.tuple(fc.constantFrom(...ucdpGedColumns), cell), { maxLength: 12 })
      .map((changes) => oneRow(Object.fromEntries(changes))),
  );
  fc.assert(
    fc.property(arbitraryFile, (text) => {
      for (const r of importUcdpGed(text)) {
        if ('error' in r) assert.ok(r.error.line >= 1 && r.error.reason.length > 0);
        else assert.ok(Number.isFinite(r.ok.lon) && Math.abs(r.ok.lat) <= 90 && r.ok.narrative.length <= 20_000);
      }
    }),
    { numRuns: 1000 },
  );
});

const fixtureText = (name: string) => readFileSync(new URL(`../../test/fixtures/io/${name}`, import.meta.url), 'utf8');

/** Runs an import, keeping what the header reported. */
function withHeader(text: string) {
  let absent: string[] | null = null;
  const result = collectRows(importUcdpGed(text, { onHeader: (h) => (absent = h.absentOptional) }));
  return { ...result, absent: absent as string[] | null };
}

test('the HDX edition (no where_description, an HXL row, dates with a time of day) imports whole', () => {
  const hdx = withHeader(fixtureText('ucdp-ged-hdx-irq.csv'));
  assert.deepEqual(hdx.errors, []);
  assert.deepEqual(hdx.absent, ['where_description']);
  assert.deepEqual(
    hdx.drafts.map((d) => [d.sourceId, d.line, d.type, d.time, d.timePrecision, d.locationPrecision]),
    [
      ['512301', 3, 'armed_clash', '2021-12-12T00:00:00.000Z', 'day', 'near_place'],
      ['512302', 4, 'attack_on_civilians', '2022-01-20T00:00:00.000Z', 'day', 'near_place'],
      ['512303', 5, 'armed_clash', '2022-03-05T00:00:00.000Z', 'day', 'exact'],
      ['512304', 6, 'armed_clash', '2022-06-14T00:00:00.000Z', 'days', 'near_place'],
      ['512305', 7, 'armed_clash', '2023-02-09T00:00:00.000Z', 'day', 'district'],
      ['512306', 8, 'armed_clash', '2023-09-01T00:00:00.000Z', 'month', 'governorate'],
    ],
  );
  const daquq = hdx.drafts[0];
  assert.deepEqual(
    [daquq.lon, daquq.lat, daquq.place],
    [44.4497, 35.1396, 'Daquq town'],
    'place from where_coordinates',
  );
  assert.equal(
    daquq.narrative,
    'IS fighters attack an army post near Daquq, killing three soldiers\nWhere: Daquq town\n' +
      'UCDP GED state-based violence. Deaths: Government of Iraq 3, IS 0, civilians 0, unknown 0; ' +
      'best estimate 3 (low 3, high 3).',
  );
  const khanaqin = hdx.drafts[1];
  assert.deepEqual(khanaqin.casualties.civilians, { killed: 2, wounded: 0, abducted: 0 });
  assert.deepEqual(khanaqin.fatalities, { best: 2, low: 2, high: 2 });
  assert.equal(hdx.drafts[3].otherKilled, 2, 'deaths_unknown');
  assert.match(hdx.drafts[3].narrative, /^Where: Tuz Khurmatu town\n/, 'an empty headline adds no line');
});

test("UCDP's own download (the 25.1 column list) imports whole with no column absent, the same events as HDX's", () => {
  const own = withHeader(fixtureText('ucdp-ged-25.1-irq.csv'));
  assert.deepEqual(own.errors, []);
  assert.deepEqual(own.absent, []);
  assert.equal(own.drafts.length, 6);
  assert.equal(own.drafts[0].place, 'army post 10 km south-east of Daquq', 'where_description comes first');
  const hdx = withHeader(fixtureText('ucdp-ged-hdx-irq.csv'));
  const core = (d: IncidentDraft) => [
    d.sourceId,
    d.type,
    d.time,
    d.lon,
    d.lat,
    d.casualties,
    d.otherKilled,
    d.fatalities,
  ];
  assert.deepEqual(own.drafts.map(core), hdx.drafts.map(core));
});

test('only identity, type, dates, coordinates, precisions and deaths are required; descriptive columns may go', () => {
  const descriptive = ['side_a', 'side_b', 'source_headline', 'where_description', 'where_coordinates', 'low', 'high'];
  const columns = header.filter((c) => !descriptive.includes(c));
  const row = firstEvent.filter((_, i) => !descriptive.includes(header[i]));
  const r = withHeader(formatCsv([columns, row], { neutraliseFormulas: false }));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.absent, descriptive);
  const [d] = r.drafts;
  assert.equal(d.place, null);
  assert.deepEqual(d.fatalities, { best: 8, low: null, high: null });
  assert.equal(
    d.narrative,
    'UCDP GED state-based violence. Deaths: side A 2, side B 5, civilians 1, unknown 0; best estimate 8.',
  );
  for (const required of ['id', 'type_of_violence', 'where_prec', 'date_start', 'deaths_civilians', 'deaths_unknown']) {
    const e = onlyError(formatCsv([columns.filter((c) => c !== required), row.slice(1)]));
    assert.deepEqual([e.fatal, e.reason], [true, `the UCDP GED CSV header lacks column ${required}`]);
  }
});

test('a descriptive column given twice is refused like a required one', () => {
  const e = onlyError(
    formatCsv(
      [
        [...header, 'side_a'],
        [...firstEvent, 'x'],
      ],
      { neutraliseFormulas: false },
    ),
  );
  assert.deepEqual([e.fatal, e.reason], [true, 'column side_a appears more than once']);
});
