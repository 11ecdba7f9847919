import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeDecodedRow } from '../../test/factories/incident-draft.ts';
import { SeamError } from '../domain/errors.ts';
import {
  collectRows,
  collectRowsAsync,
  formatRowError,
  importRefused,
  type RowError,
  type RowResult,
} from './incident-draft.ts';

const draft = (line: number) => ({ format: 'acled' as const, line, ...makeDecodedRow({ sourceId: `s${line}` }) });
const bad: RowError = { line: 3, where: 'line 3', field: 'event_date', reason: 'expected a date' };
const rows: RowResult[] = [{ ok: draft(2) }, { error: bad }, { ok: draft(4) }];

test('collectRows splits drafts from errors and notes a fatal one', async () => {
  const r = collectRows(rows);
  assert.deepEqual([r.drafts.map((d) => d.line), r.errors, r.fatal], [[2, 4], [bad], false]);
  async function* gen() {
    yield* rows;
    yield { error: { line: 0, where: 'file', reason: 'not JSON', fatal: true } } as RowResult;
  }
  const a = await collectRowsAsync(gen());
  assert.deepEqual([a.drafts.length, a.errors.length, a.fatal], [2, 2, true]);
});

test('formatRowError and importRefused name the row and the field', () => {
  assert.equal(formatRowError(bad), 'line 3: event_date: expected a date');
  assert.equal(formatRowError({ line: 0, where: 'file', reason: 'not JSON' }), 'file: not JSON');
  const e = importRefused([bad, { ...bad, line: 9, where: 'line 9' }], 1);
  assert.ok(e instanceof SeamError);
  assert.equal(e.code, 'validation');
  assert.equal(e.message, 'import refused, 2 errors: line 3: event_date: expected a date (and 1 more)');
  assert.deepEqual(e.issues[1], { field: 'line 9: event_date', reason: 'expected a date' });
});
