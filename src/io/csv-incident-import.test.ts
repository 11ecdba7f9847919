import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDecodedRow } from '../../test/factories/incident-draft.ts';
import { type CsvIncidentFormat, importCsvIncidents, importCsvIncidentsAsync } from './csv-incident-import.ts';
import { parseLat, parseLon, parseType } from './draft-fields.ts';
import { collectRows, collectRowsAsync } from './incident-draft.ts';

/** A toy format: three columns, enough to exercise the shared header and row handling. */
const toy: CsvIncidentFormat = {
  format: 'acled',
  title: 'toy',
  required: ['kind', 'x', 'y'],
  decode(row) {
    if (row.get('kind') === 'boom') throw new TypeError('a bug, not bad input');
    return makeDecodedRow({
      sourceId: String(row.line),
      type: parseType(row.get('kind'), 'kind'),
      lon: parseLon(row.get('x'), 'x'),
      lat: parseLat(row.get('y'), 'y'),
      place: row.has('place') ? row.get('place') : null,
    });
  },
};
const run = (text: string, keepRaw = false) => collectRows(importCsvIncidents(text, toy, { keepRaw }));

test('header names are trimmed and case-blind; extra columns are kept in raw; blank rows skipped', () => {
  const r = run(' Kind ,X,y,place\n\nied,44,35,Kirkuk\n,,,\nsighting,45,36,\n', true);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.drafts.map((d) => [d.line, d.type, d.place]),
    [
      [3, 'ied', 'Kirkuk'],
      [5, 'sighting', ''],
    ],
  );
  assert.deepEqual(r.drafts[0].raw, { kind: 'ied', x: '44', y: '35', place: 'Kirkuk' });
  assert.equal(run('kind,x,y\nied,1,2').drafts[0].raw, undefined);
});

test('only the row right under the header can be an HXL row', () => {
  const r = run('kind,x,y\n#event,#x,\nied,1,2\n#ied,1,2\n');
  assert.deepEqual(
    r.drafts.map((d) => d.line),
    [3],
  );
  assert.equal(r.errors[0].line, 4);
  assert.equal(r.errors[0].field, 'kind');
});

test('the header: all missing columns in one fatal error; a required column twice is fatal too', () => {
  assert.deepEqual(run('kind\nied\n').errors, [
    { line: 1, where: 'line 1', field: 'header', reason: 'the toy CSV header lacks columns x, y', fatal: true },
  ]);
  assert.equal(run('kind,x,y,x\n').errors[0].reason, 'column x appears more than once');
  assert.equal(run('').errors[0].fatal, true);
  assert.deepEqual(run('kind,x,y\n').errors, []);
});

test('a CSV error is fatal, names its line, and rows before it stand', async () => {
  const text = 'kind,x,y\nied,1,2\nied,1",2\nied,1,2\n';
  const r = run(text);
  assert.deepEqual([r.drafts.length, r.fatal, r.errors[0].line], [1, true, 3]);
  assert.deepEqual(await collectRowsAsync(importCsvIncidentsAsync([text], toy)), r);
});

test('a decoder bug is not dressed up as a row error', () => {
  assert.throws(() => run('kind,x,y\nboom,1,2\n'), TypeError);
});

test('the header reports the optional columns the file lacks; a row limit stops the import as a fatal error', () => {
  const withOptional: CsvIncidentFormat = { ...toy, optional: ['place', 'note'] };
  const reports: string[][] = [];
  const r = collectRows(
    importCsvIncidents('kind,x,y,place\n#event,#x,#y,#loc\nied,1,2,Kirkuk\n', withOptional, {
      onHeader: (h) => reports.push(h.absentOptional),
    }),
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(reports, [['note']]);
  const limited = collectRows(importCsvIncidents('kind,x,y\nied,1,2\nied,3,4\nied,5,6\n', toy, { maxRecords: 3 }));
  assert.deepEqual(limited.drafts.length, 2);
  assert.deepEqual(limited.errors, [
    {
      line: 4,
      where: 'line 4',
      reason: 'more than 3 records; the rest of the file was not read',
      fatal: true,
    },
  ]);
});

test('a column named __proto__ is a column in raw, not the prototype', () => {
  const [d] = run('kind,x,y,__proto__\nied,1,2,{}\n', true).drafts;
  assert.equal(Object.getPrototypeOf(d.raw), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(d.raw, '__proto__')?.value, '{}');
});
