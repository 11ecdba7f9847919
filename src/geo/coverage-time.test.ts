import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeamError } from '../domain/errors.ts';
import { activeAt, activeIntervals, checkSchedule, unionLength, windowMs } from './coverage-time.ts';

const ms = (iso: string) => Date.parse(iso);
const h = 3_600_000;

test('an unscheduled record is active from activeFrom until activeTo (open when null), clipped to the window', () => {
  const from = ms('2026-03-01T00:00:00Z');
  const to = ms('2026-03-03T00:00:00Z');
  assert.deepEqual(activeIntervals({ activeFrom: '2026-03-02T00:00:00Z', activeTo: null }, from, to), [
    [ms('2026-03-02T00:00:00Z'), to],
  ]);
  assert.deepEqual(
    activeIntervals({ activeFrom: '2026-01-01T00:00:00Z', activeTo: '2026-03-01T06:00:00Z' }, from, to),
    [[from, from + 6 * h]],
  );
  assert.deepEqual(
    activeIntervals({ activeFrom: '2026-01-01T00:00:00Z', activeTo: '2026-02-01T00:00:00Z' }, from, to),
    [],
  );
});

test('a schedule gives daily UTC slots on its ISO weekdays; a slot ending before it starts runs past midnight', () => {
  // 2026-03-02 is a Monday (ISO 1).
  const from = ms('2026-03-02T00:00:00Z');
  const to = ms('2026-03-09T00:00:00Z');
  const weekdays = {
    activeFrom: '2026-01-01T00:00:00Z',
    activeTo: null,
    schedule: { days: [1, 3], start: '06:00', end: '12:00' },
  };
  assert.deepEqual(activeIntervals(weekdays, from, to), [
    [from + 6 * h, from + 12 * h],
    [from + 48 * h + 6 * h, from + 48 * h + 12 * h],
  ]);
  const night = {
    activeFrom: '2026-01-01T00:00:00Z',
    activeTo: null,
    schedule: { days: [7], start: '22:00', end: '02:00' },
  };
  // Sunday 2026-03-01 22:00 runs into Monday: only its part after the window opens counts; Sunday 03-08 too.
  assert.deepEqual(activeIntervals(night, from, to), [
    [from, from + 2 * h],
    [from + 6 * 24 * h + 22 * h, to],
  ]);
  assert.equal(activeAt(weekdays, from + 7 * h), true);
  assert.equal(activeAt(weekdays, from + 13 * h), false);
});

test('unionLength measures overlapping interval lists once', () => {
  assert.equal(
    unionLength([
      [
        [0, 10],
        [20, 30],
      ],
      [[5, 25]],
      [],
    ]),
    30,
  );
  assert.equal(unionLength([]), 0);
});

test('bad times, windows and schedules are refused with the field', () => {
  assert.throws(
    () => windowMs({ from: 'yesterday', to: '2026-01-01T00:00:00Z' }),
    (e: SeamError) => e.issues[0].field === 'window.from',
  );
  assert.throws(
    () => windowMs({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
    (e: SeamError) => e.issues[0].field === 'window.to',
  );
  assert.throws(
    () => checkSchedule({ days: [0], start: '06:00', end: '07:00' }, 's'),
    (e: SeamError) => e.issues[0].field === 's.days',
  );
  assert.throws(
    () => checkSchedule({ days: [1], start: '6am', end: '07:00' }, 's'),
    (e: SeamError) => e.issues[0].field === 's.start',
  );
  assert.throws(
    () => checkSchedule({ days: [1], start: '06:00', end: '24:30' }, 's'),
    (e: SeamError) => e.issues[0].field === 's.end',
  );
});
