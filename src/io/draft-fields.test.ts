import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  cutAt,
  FieldError,
  parseCasualties,
  parseCount,
  parseDecimal,
  parseGradingText,
  parseIsoDate,
  parseIsoDateTime,
  parseLat,
  parseLon,
  parsePlace,
  parseSourceId,
  parseType,
  shown,
} from './draft-fields.ts';

const refused = (field: string, pattern: RegExp) => (e: unknown) =>
  e instanceof FieldError && e.field === field && pattern.test(e.reason);

test('date-times need a zone and come out as UTC with milliseconds', () => {
  assert.equal(parseIsoDateTime('2024-03-02T21:15+03:00', 't'), '2024-03-02T18:15:00.000Z');
  assert.equal(parseIsoDateTime('2024-03-02T21:15:07.1-0130', 't'), '2024-03-02T22:45:07.100Z');
  assert.equal(parseIsoDateTime(' 2024-12-31t23:59:59.999999z ', 't'), '2024-12-31T23:59:59.999Z');
  for (const bad of [
    '2024-03-02',
    '2024-03-02T21:15',
    '2024-02-30T00:00Z',
    '2024-03-02T24:00Z',
    '2024-03-02T12:60Z',
    '2024-03-02T12:00:60Z',
    '2024-03-02T12:00+24:00',
    '0000-01-01T00:00+01:00',
    '9999-12-31T23:59-01:00',
    'x',
  ])
    assert.throws(() => parseIsoDateTime(bad, 't'), refused('t', /./), bad);
});

test('dates: calendar checked, a trailing time of day ignored', () => {
  assert.equal(parseIsoDate('2024-02-29', 'd'), '2024-02-29T00:00:00.000Z');
  assert.equal(parseIsoDate('2019-03-01 00:00:00.000', 'd'), '2019-03-01T00:00:00.000Z');
  assert.equal(parseIsoDate('0099-01-01', 'd'), '0099-01-01T00:00:00.000Z');
  for (const bad of ['2023-02-29', '2023-00-10', '2023-1-1', '20230101', ''])
    assert.throws(() => parseIsoDate(bad, 'd'), refused('d', /expected a date/), bad);
});

test('numbers, coordinates and counts', () => {
  assert.equal(parseDecimal(' -3.5e1 ', 'n'), -35);
  assert.equal(parseLon('-180', 'x'), -180);
  assert.equal(parseLat(90, 'y'), 90);
  assert.throws(() => parseLat(Number.NaN, 'y'), refused('y', /outside/));
  assert.throws(() => parseLon('0x10', 'x'), refused('x', /decimal/));
  assert.throws(() => parseLon('Infinity', 'x'), refused('x', /decimal/));
  assert.throws(() => parseLon('1e400', 'x'), refused('x', /outside/));
  assert.equal(parseCount('', 'c'), 0);
  assert.equal(parseCount(' 7 ', 'c'), 7);
  assert.throws(() => parseCount('100001', 'c'), refused('c', /more than 100000/));
  assert.throws(() => parseCount('1.0', 'c'), refused('c', /whole number/));
});

test('type, grading, place, source id, casualties', () => {
  assert.equal(parseType(' ied ', 't'), 'ied');
  assert.throws(() => parseType('constructor', 't'), refused('t', /unknown incident type "constructor"/));
  assert.deepEqual(parseGradingText('b2', 'g'), { reliability: 'B', credibility: 2 });
  assert.equal(parseGradingText(' ', 'g'), null);
  assert.equal(parsePlace('  ', 'p'), null);
  assert.equal(parsePlace(`${'é'.repeat(199)}😀😀`, 'p', true), `${'é'.repeat(199)}…`);
  assert.throws(() => parseSourceId('x'.repeat(201), 's'), refused('s', /longer than 200/));
  assert.deepEqual(parseCasualties({}, 'c'), { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } });
  assert.throws(() => parseCasualties({ forces: [{ org: 'isf' }], extra: 1 }, 'c'), refused('c', /Unrecognized key/));
});

test('shown and cutAt never split a surrogate pair and keep messages short', () => {
  assert.equal(cutAt('a😀', 2), 'a');
  assert.equal(shown('x'.repeat(100)).length, 63);
  assert.equal(shown('a"b'), '"a\\"b"');
});

test('property: the date parsers accept exactly what they print, and refuse the rest with FieldError', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
      (d) => {
        assert.equal(parseIsoDateTime(d.toISOString(), 't'), d.toISOString());
        assert.equal(parseIsoDate(d.toISOString().slice(0, 10), 'd').slice(0, 10), d.toISOString().slice(0, 10));
      },
    ),
  );
  fc.assert(
    fc.property(fc.string(), (s) => {
      for (const parse of [
        parseIsoDateTime,
        parseIsoDate,
        parseLon,
        parseLat,
        parseCount,
        parseType,
        parseGradingText,
      ]) {
        try {
          parse(s, 'f');
        } catch (e) {
          assert.ok(e instanceof FieldError, String(e));
        }
      }
    }),
    { numRuns: 2000 },
  );
});
