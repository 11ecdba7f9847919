import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { median, percentile, responseTimes, summarise } from './response-times.ts';

test('median: the middle value, or the mean of the two middle ones; nothing for no values', () => {
  assert.equal(median([]), null);
  assert.equal(median([7]), 7);
  assert.equal(median([1, 3]), 2);
  assert.equal(median([1, 2, 10]), 2);
  assert.equal(median([1, 2, 4, 10]), 3);
});

test('the 90th percentile is the nearest rank: the smallest value with at least 90% of values at or below it', () => {
  assert.equal(percentile([], 0.9), null);
  assert.equal(percentile([5], 0.9), 5);
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(ten, 0.9), 9);
  assert.equal(percentile([...ten, 11], 0.9), 10);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1 }), (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      const p = percentile(sorted, 0.9) as number;
      assert.ok(sorted.filter((v) => v <= p).length >= 0.9 * sorted.length);
      assert.ok(sorted.filter((v) => v < p).length < 0.9 * sorted.length);
    }),
  );
});

test('summaries sort their input; groups are per responding organisation and per addressed JCC, accepted requests only', () => {
  assert.deepEqual(summarise([30, 10, 20]), { count: 3, median_s: 20, p90_s: 30 });
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
  const r = responseTimes([
    { createdAt: at(0), acceptedAt: at(2), completedAt: at(10), responderOrg: 'b', addressedJcc: 'j' },
    { createdAt: at(0), acceptedAt: at(4), completedAt: null, responderOrg: 'b', addressedJcc: null },
    { createdAt: at(0), acceptedAt: null, completedAt: null, responderOrg: 'c', addressedJcc: 'j' },
    { createdAt: at(0), acceptedAt: at(1), completedAt: null, responderOrg: 'a', addressedJcc: null },
  ]);
  assert.deepEqual(
    r.by_org.map((g) => [g.org, g.to_accept.median_s, g.to_complete.count]),
    [
      ['a', 60, 0],
      ['b', 180, 1],
    ],
  );
  assert.deepEqual(r.by_jcc, [
    {
      jcc: 'j',
      requests: 1,
      to_accept: { count: 1, median_s: 120, p90_s: 120 },
      to_complete: { count: 1, median_s: 600, p90_s: 600 },
    },
  ]);
});
