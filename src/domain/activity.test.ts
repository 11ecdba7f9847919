import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conflict } from './activity.ts';
import {
  type Activity,
  checkActivityWindow,
  checkStep,
  dueForEscalation,
  isApproved,
  notificationsFor,
  occurrences,
  settledState,
} from './activity.ts';
import { SeamError } from './errors.ts';

function fieldOf(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SeamError);
    return err.issues[0].field;
  }
  assert.fail('expected a refusal');
}

test('a time window ends after it starts, lasts at most 31 days, and recurs daily for at most 90', () => {
  checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', null);
  checkActivityWindow('2026-12-10T06:00:00Z', '2027-01-10T06:00:00Z', null);
  checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', { until: '2027-03-09' });
  checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', { until: '2026-12-10' });
  assert.equal(
    fieldOf(() => checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T06:00:00Z', null)),
    'end',
  );
  assert.equal(
    fieldOf(() => checkActivityWindow('2026-12-10T06:00:00Z', '2027-01-10T06:00:01Z', null)),
    'end',
  );
  assert.equal(
    fieldOf(() => checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', { until: '2027-03-11' })),
    'recurrence.until',
  );
  assert.equal(
    fieldOf(() => checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', { until: '2026-12-09' })),
    'recurrence.until',
  );
  assert.equal(
    fieldOf(() => checkActivityWindow('2026-12-10T06:00:00Z', '2026-12-12T10:00:00Z', { until: '2026-12-20' })),
    'recurrence',
  );
});

test('a daily recurrence expands to one occurrence a day, the until day included', () => {
  const o = occurrences({
    start: '2026-12-10T22:00:00Z',
    end: '2026-12-11T02:00:00Z',
    recurrence: { until: '2026-12-12' },
  });
  assert.deepEqual(
    o.map(([s, e]) => [new Date(s).toISOString(), new Date(e).toISOString()]),
    [
      ['2026-12-10T22:00:00.000Z', '2026-12-11T02:00:00.000Z'],
      ['2026-12-11T22:00:00.000Z', '2026-12-12T02:00:00.000Z'],
      ['2026-12-12T22:00:00.000Z', '2026-12-13T02:00:00.000Z'],
    ],
  );
});

test('no step is skipped: each action is allowed from its states only', () => {
  checkStep('draft', 'notify');
  checkStep('acknowledged', 'start');
  checkStep('under_way', 'done');
  for (const [state, action] of [
    ['draft', 'start'],
    ['draft', 'done'],
    ['draft', 'respond'],
    ['notified', 'start'],
    ['notified', 'notify'],
    ['conflict_raised', 'start'],
    ['acknowledged', 'done'],
    ['under_way', 'update'],
    ['done', 'cancel'],
    ['cancelled', 'notify'],
  ] as const) {
    assert.equal(
      fieldOf(() => checkStep(state, action)),
      'state',
      `${action} from ${state}`,
    );
  }
});

const conflict = (ownerOrg: string, w: Conflict['with'] = 'presence'): Conflict => ({
  with: w,
  recordId: `${ownerOrg}-${w}`,
  ownerOrg,
  kind: 'checkpoint',
  name: null,
  distanceKm: 1,
  overlap: { start: '2026-12-10T06:00:00.000Z', end: '2026-12-10T07:00:00.000Z' },
  jcc: 'k1',
});

test('the organisations concerned are the other owners of conflicts (not incident reporters) and the JCC’s members', () => {
  const n = notificationsFor(
    ['isf'],
    [conflict('peshmerga'), conflict('coalition', 'incident'), conflict('isf')],
    ['isf', 'peshmerga', 'other'],
  );
  assert.deepEqual(
    n.map((x) => [x.org, x.reasons, x.status]),
    [
      ['other', ['jcc'], 'pending'],
      ['peshmerga', ['conflict', 'jcc'], 'pending'],
    ],
  );
});

test('an activity settles as acknowledged once every organisation answered and every owner approved; a concern holds it', () => {
  const base: Pick<Activity, 'notifications' | 'approvals' | 'ownerOrgs'> = {
    ownerOrgs: ['isf', 'peshmerga'],
    approvals: [{ org: 'isf', by: 'u', at: 't' }],
    notifications: notificationsFor(['isf', 'peshmerga'], [], ['coalition']),
  };
  assert.equal(settledState(base), 'notified');
  const acked = { ...base, notifications: base.notifications.map((n) => ({ ...n, status: 'acknowledged' as const })) };
  assert.equal(isApproved(acked), false);
  assert.equal(settledState(acked), 'notified');
  const approved = { ...acked, approvals: [...acked.approvals, { org: 'peshmerga', by: 'v', at: 't' }] };
  assert.equal(settledState(approved), 'acknowledged');
  const concern = {
    ...approved,
    notifications: approved.notifications.map((n) => ({ ...n, status: 'concern' as const })),
  };
  assert.equal(settledState(concern), 'conflict_raised');
});

test('a notification escalates once the deadline before start has passed, only while unanswered and not yet escalated', () => {
  const a = {
    start: '2026-12-10T06:00:00.000Z',
    state: 'notified' as const,
    notifications: notificationsFor(['isf'], [], ['peshmerga', 'coalition']),
  };
  const deadline = 2 * 3_600_000;
  assert.deepEqual(dueForEscalation(a, Date.parse('2026-12-10T03:59:59Z'), deadline), []);
  assert.deepEqual(dueForEscalation(a, Date.parse('2026-12-10T04:00:00Z'), deadline), ['coalition', 'peshmerga']);
  const answered = {
    ...a,
    notifications: a.notifications.map((n) =>
      n.org === 'coalition' ? { ...n, status: 'acknowledged' as const } : { ...n, escalatedAt: 'x' },
    ),
  };
  assert.deepEqual(dueForEscalation(answered, Date.parse('2026-12-10T05:00:00Z'), deadline), []);
  assert.deepEqual(dueForEscalation({ ...a, state: 'under_way' }, Date.parse('2026-12-10T05:00:00Z'), deadline), []);
});
