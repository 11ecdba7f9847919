// Alerts about planned activities, for every reader: checked against an oracle of the sharing rules
// written out here, independently of the policy. An alert never carries the id or name of a record
// its reader may not see whole, and never names an organisation its reader's view of the activity
// does not name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Activity, type Conflict, notificationsFor } from '../domain/activity.ts';
import type { Alert, AlertMatch } from '../domain/alert.ts';
import { activityVisibility } from './activity.ts';
import { seeAlert } from './alert.ts';
import type { AccessFacts } from './policy.ts';

const orgs = ['alpha', 'bravo', 'charlie', 'delta'];
type Scope = 'org' | 'partners' | 'coalition';
const scope = fc.constantFrom<Scope>('org', 'partners', 'coalition');
const at = '2026-12-10T06:00:00.000Z';

const world = fc.record({
  members: fc.subarray(orgs, { minLength: 1 }),
  owners: fc.subarray(orgs, { minLength: 1, maxLength: 2 }),
  activityScope: scope,
  tearlineScope: fc.option(scope),
  records: fc.array(fc.record({ owner: fc.constantFrom(...orgs), scope }), { maxLength: 5 }),
  recipient: fc.constantFrom(...orgs),
  kind: fc.constantFrom('activity_conflict', 'activity_answer', 'activity_escalated'),
  pick: fc.nat(),
});

/** The oracle: whether an organisation may see whole a record of this owner, scope and JCC k1. */
function mayRead(org: string, owner: string, s: Scope, members: readonly string[]): boolean {
  if (org === owner) return true;
  if (s === 'coalition') return true;
  // Partners: the member organisations of the record's JCC.
  return s === 'partners' && members.includes(org);
}

test('an alert about an activity shows no hidden record and names no organisation its reader may not know of', () => {
  fc.assert(
    fc.property(world, (w) => {
      const facts: AccessFacts = {
        jccMembers: new Map([['k1', new Set(w.members)]]),
        groupMembers: new Map(),
        coalition: new Set(orgs),
      };
      const conflicts: Conflict[] = w.records.map((r, k) => ({
        with: 'presence',
        recordId: `record-${k}-hidden-id`,
        ownerOrg: r.owner,
        kind: 'checkpoint',
        name: `Secret name ${k}`,
        distanceKm: 0.5,
        overlap: { start: at, end: at },
        jcc: 'k1',
      }));
      const base = {
        id: 'act-1',
        kind: 'patrol',
        ownerOrgs: w.owners,
        unit: 'Unit One',
        area: { shape: 'point', geometry: { type: 'Point', coordinates: [44.4, 35.5] }, radiusKm: 1 },
        start: at,
        end: '2026-12-10T10:00:00.000Z',
        recurrence: null,
        contact: 'JCC duty officer',
        state: 'notified',
        exercise: false,
        version: 2,
        releasability: { scope: w.activityScope },
        tearline: w.tearlineScope === null ? null : { releasability: { scope: w.tearlineScope }, summary: 'A patrol' },
        jcc: 'k1',
        conflicts,
      } as unknown as Activity;
      // As the service notifies: the organisations concerned that may see the activity.
      const notifications = notificationsFor(w.owners, conflicts, w.members)
        .filter((n) => activityVisibility({ org: n.org }, base, facts) !== 'none')
        .map((n, k) => ({ ...n, status: k % 2 ? ('concern' as const) : ('acknowledged' as const), at }));
      const activity = { ...base, notifications } as Activity;
      const named = notifications.length ? notifications[w.pick % notifications.length].org : 'alpha';
      const match: AlertMatch =
        w.kind === 'activity_conflict'
          ? { kind: 'activity_conflict', newConflicts: conflicts.length }
          : w.kind === 'activity_answer'
            ? { kind: 'activity_answer', org: named, status: 'acknowledged' }
            : { kind: 'activity_escalated', orgs: notifications.map((n) => n.org), others: 0 };
      const alert: Alert = {
        id: 'alert-1',
        recipientOrg: w.recipient,
        ruleId: 'rule-1',
        ruleName: 'Rule',
        ruleKind: w.kind,
        subjectType: 'activity',
        subjectId: activity.id,
        occurrence: `${w.kind}@1`,
        match,
        createdAt: at,
      };
      const byId = new Map(conflicts.map((c, k) => [c.recordId, w.records[k]]));
      const context = {
        facts,
        gridKm: 10,
        referenced: () => undefined,
        conflictSharing: (c: Pick<Conflict, 'with' | 'recordId'>) => {
          const r = byId.get(c.recordId);
          return r && { ownerOrg: r.owner, releasability: { scope: r.scope }, jcc: 'k1', tearline: null };
        },
        subjects: {
          incident: () => undefined,
          activity: (id: string) => (id === activity.id ? activity : undefined),
          supportRequest: () => undefined,
        },
      };
      for (const reader of orgs) {
        const seen = seeAlert({ org: reader }, alert, context);
        const owner = w.owners.includes(reader);
        const notified = notifications.some((n) => n.org === reader);
        const readsActivity =
          owner ||
          mayRead(reader, w.owners[0], w.activityScope, w.members) ||
          notified ||
          (w.tearlineScope !== null && mayRead(reader, w.owners[0], w.tearlineScope, w.members));
        assert.equal(seen !== null, reader === w.recipient && readsActivity, `${reader} gets the alert`);
        if (!seen) continue;
        const wire = JSON.stringify(seen);
        const visible = new Set<string>();
        w.records.forEach((r, k) => {
          const whole = mayRead(reader, r.owner, r.scope, w.members);
          if (!whole) {
            assert.ok(!wire.includes(`record-${k}-hidden-id`), `${reader} never gets hidden record ${k}'s id`);
            assert.ok(!wire.includes(`Secret name ${k}`), `${reader} never gets hidden record ${k}'s name`);
          } else visible.add(r.owner);
        });
        // An organisation the reader may know of: itself, the owner of a record it sees, one notified as a JCC member.
        const known = (org: string) =>
          org === reader || visible.has(org) || notifications.some((n) => n.org === org && n.reasons.includes('jcc'));
        const m = seen.alert.match;
        if (m?.kind === 'activity_answer' && m.org !== null) assert.ok(known(m.org), `${reader} may know of ${m.org}`);
        if (m?.kind === 'activity_escalated') for (const o of m.orgs) assert.ok(known(o), `${reader} may know of ${o}`);
        if (seen.subject.type === 'activity' && seen.subject.seen.seen === 'notice')
          assert.equal(m, null, 'a notice shows no match');
      }
    }),
    { numRuns: 1000 },
  );
});
