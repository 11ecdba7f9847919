import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DeconflictionCandidate, defaultDeconflictionRules, findConflicts } from './deconfliction.ts';

// Footprints on a line, in km: the distance between two is the gap between their intervals.
type F = [number, number];
const gap = (a: F, b: F) => Math.max(0, Math.max(a[0], b[0]) - Math.min(a[1], b[1]));
const h = (hour: number) => Date.parse('2026-12-10T00:00:00Z') + hour * 3_600_000;
const subject = {
  id: 's',
  ownerOrgs: ['isf'],
  footprint: [0, 1] as F,
  occurrences: [[h(6), h(10)]] as const,
  jcc: 'k1',
};

function candidate(
  id: string,
  footprint: F,
  from: number,
  to: number,
  owners = ['peshmerga'],
): DeconflictionCandidate<F> {
  return {
    with: 'activity',
    recordId: id,
    ownerOrgs: owners,
    kind: 'patrol',
    name: id,
    footprint,
    intervals: (f, t) => (to > f && from < t ? [[from, to]] : []),
    jcc: null,
  };
}

test('a conflict lies within the separation in space and the margin in time; just outside either is no conflict', () => {
  const conflicts = findConflicts(
    subject,
    [
      candidate('overlapping', [0.5, 2], h(7), h(8)),
      candidate('within-separation', [2.9, 3], h(7), h(8)),
      candidate('beyond-separation', [3.01, 4], h(7), h(8)),
      candidate('within-margin', [0, 1], h(10.99), h(12)),
      candidate('beyond-margin', [0, 1], h(11.01), h(12)),
      candidate('before-within-margin', [0, 1], h(3), h(5.5)),
      candidate('own', [0, 1], h(7), h(8), ['isf']),
      candidate('s', [0, 1], h(7), h(8)),
    ],
    [],
    defaultDeconflictionRules,
    gap,
    h(0),
  );
  assert.deepEqual(
    conflicts.map((c) => c.recordId),
    ['before-within-margin', 'overlapping', 'within-margin', 'within-separation'],
  );
  const within = conflicts.find((c) => c.recordId === 'within-margin');
  assert.deepEqual(within?.overlap, { start: new Date(h(10.99)).toISOString(), end: new Date(h(11)).toISOString() });
  assert.equal(conflicts.find((c) => c.recordId === 'within-separation')?.distanceKm, 1.9);
  assert.equal(within?.jcc, 'k1', 'a record without a JCC of its own is coordinated through the activity’s');
});

test('a recurring activity conflicts on any of its days', () => {
  const recurring = { ...subject, occurrences: [0, 1, 2, 3].map((d) => [h(6 + 24 * d), h(10 + 24 * d)] as const) };
  const [c] = findConflicts(
    recurring,
    [candidate('day-3', [0, 1], h(78), h(79))],
    [],
    defaultDeconflictionRules,
    gap,
    h(0),
  );
  assert.deepEqual(c.overlap, { start: new Date(h(78)).toISOString(), end: new Date(h(79)).toISOString() });
});

test('incidents count when inside the area and within the recent window before now', () => {
  const incident = (id: string, at: F, hoursAgo: number) => ({
    recordId: id,
    ownerOrg: 'peshmerga',
    type: 'ied',
    time: h(-hoursAgo),
    footprint: at,
    jcc: 'k1',
  });
  const conflicts = findConflicts(
    subject,
    [],
    [incident('inside', [0.5, 0.5], 24), incident('outside', [1.2, 1.2], 24), incident('old', [0.5, 0.5], 24 * 8)],
    defaultDeconflictionRules,
    gap,
    h(0),
  );
  assert.deepEqual(
    conflicts.map((c) => [c.recordId, c.with]),
    [['inside', 'incident']],
  );
});
