import assert from 'node:assert/strict';
import { test } from 'node:test';
import { supportRequestRecord } from '../../test/factories/support-request.ts';
import type { Activity, Conflict, Notification } from './activity.ts';
import { type AlertRule, alertRuleCreateSchema, changedAlertRule, newAlertRule, unusedField } from './alert-rule.ts';
import { alertText } from './alert-text.ts';
import {
  type AlertAreas,
  activityAlerts,
  incidentAlerts,
  type PreparedRules,
  supportRequestAlerts,
  triggerFor,
} from './alerts.ts';
import { noEnrichment } from './enrichment.ts';
import type { Incident } from './incident.ts';

const at = '2026-03-01T00:00:00.000Z';
const rule = (id: string, over: Partial<AlertRule> = {}): AlertRule => ({
  ...newAlertRule({ name: id, kind: 'incident_near', radius_km: 5 }, 'peshmerga', id, null, at),
  ...over,
});

const incident = { id: 'i1', type: 'ied', lon: 44.4, lat: 35.5, time: at, enrichment: noEnrichment } as Incident;

/** Areas that answer the same hits wherever asked: the rules' geometry is tested in geo/alert-areas.test.ts. */
const areas = (near: string[], corridor: string[]): AlertAreas => ({
  near: () =>
    near.map((ruleId) => ({
      ruleId,
      presenceId: 'cp',
      presenceName: 'CP',
      presenceKind: 'checkpoint' as const,
      distanceKm: 1.5,
    })),
  inCorridor: () => corridor.map((ruleId) => ({ ruleId, corridorId: 'g1', gapAreaKm2: 3 })),
  nearActivity: () => [],
});

test('an incident calls for the alerts of the enabled rules whose geometry it meets and whose types include it', () => {
  const rules = new Map(
    [
      rule('near'),
      rule('off', { enabled: false }),
      rule('sightings', { incidentTypes: ['sighting'] }),
      rule('ieds', { incidentTypes: ['ied'] }),
      rule('corridor', { kind: 'incident_in_corridor', radiusKm: null }),
      rule('kind-mismatch', { kind: 'incident_in_corridor', radiusKm: null }),
    ].map((r) => [r.id, r]),
  );
  const found = incidentAlerts(incident, {
    rules,
    areas: areas(['near', 'off', 'sightings', 'ieds', 'kind-mismatch', 'gone'], ['corridor']),
    jccMembers: new Map(),
  });
  assert.deepEqual(
    found.map((c) => [c.rule.id, c.match.kind, c.subjectId]),
    [
      ['near', 'incident_near', 'i1'],
      ['ieds', 'incident_near', 'i1'],
      ['corridor', 'incident_in_corridor', 'i1'],
    ],
  );
});

test('triggers are registered by record type and operation', () => {
  assert.ok(triggerFor('incident', 'create'));
  assert.ok(triggerFor('incident', 'update'));
  assert.equal(triggerFor('incident', 'delete'), null);
  assert.equal(triggerFor('alert', 'create'), null, 'an alert never triggers alerts');
  assert.equal(triggerFor('toString', 'create'), null);
});

test('a rule’s fields must fit its kind', () => {
  assert.equal(alertRuleCreateSchema.safeParse({ name: 'a', kind: 'incident_near' }).success, false);
  assert.equal(
    alertRuleCreateSchema.safeParse({ name: 'a', kind: 'incident_in_corridor', radius_km: 1 }).success,
    false,
  );
  assert.equal(
    alertRuleCreateSchema.safeParse({ name: 'a', kind: 'incident_near', radius_km: 1, presence_kinds: ['x'] }).success,
    false,
  );
  assert.equal(
    alertRuleCreateSchema.safeParse({ name: 'a', kind: 'incident_near', radius_km: 1, incident_types: ['ied', 'ied'] })
      .success,
    false,
  );
  assert.equal(alertRuleCreateSchema.safeParse({ name: 'a', kind: 'incident_near_activity' }).success, false);
  assert.equal(alertRuleCreateSchema.safeParse({ name: 'a', kind: 'activity_answer', radius_km: 1 }).success, false);
  assert.equal(
    alertRuleCreateSchema.safeParse({ name: 'a', kind: 'request_overdue', incident_types: ['ied'] }).success,
    false,
  );
  assert.equal(unusedField(coordination('isf', 'activity_conflict'), { incident_types: [] }), 'incident_types');
  const corridor = newAlertRule({ name: 'c', kind: 'incident_in_corridor' }, 'isf', 'r', 'u', at);
  assert.deepEqual([corridor.radiusKm, corridor.presenceKinds], [null, []]);
  assert.equal(unusedField(corridor, { radius_km: 3 }), 'radius_km');
  assert.equal(unusedField(rule('n'), { radius_km: 3 }), null);
  const changed = changedAlertRule(rule('n'), { radius_km: 7, enabled: false }, '2026-03-02T00:00:00.000Z');
  assert.deepEqual([changed.radiusKm, changed.enabled, changed.version], [7, false, 2]);
});

test('an alert’s text names the match only when its reader sees the record whole', () => {
  const base = { ruleName: 'Near', incidentType: 'ied' as const, date: '2026-03-01', area: 'Kirkuk' };
  assert.equal(
    alertText({
      ...base,
      match: {
        kind: 'incident_near',
        presenceId: 'p',
        presenceName: 'CP 4',
        presenceKind: 'checkpoint',
        distanceKm: 2.345,
      },
    }),
    'IED / landmine 2.3 km from CP 4 on 2026-03-01 (Near)',
  );
  assert.equal(alertText({ ...base, match: null }), 'IED / landmine reported on 2026-03-01 in Kirkuk (Near)');
  assert.equal(
    alertText({ ...base, match: { kind: 'incident_in_corridor', corridorId: 'g', gapAreaKm2: 1 } }),
    'IED / landmine in a gap corridor on 2026-03-01 (Near)',
  );
});

const coordination = (org: string, kind: AlertRule['kind']) =>
  newAlertRule({ name: `${org} ${kind}`, kind }, org, `${org}-${kind}`, null, at);
const coordinationRules: PreparedRules = {
  rules: new Map(
    ['isf', 'peshmerga', 'coalition', 'other'].flatMap((org) =>
      (['activity_conflict', 'activity_answer', 'activity_escalated', 'request_overdue'] as const).map(
        (kind): [string, AlertRule] => [`${org}-${kind}`, coordination(org, kind)],
      ),
    ),
  ),
  areas: areas([], []),
  jccMembers: new Map([['k1', new Set(['isf', 'peshmerga', 'coalition'])]]),
};

const conflict = (recordId: string): Conflict => ({
  with: 'presence',
  recordId,
  ownerOrg: 'peshmerga',
  kind: 'checkpoint',
  name: null,
  distanceKm: 0,
  overlap: { start: at, end: at },
  jcc: 'k1',
});
const notification = (org: string, over: Partial<Notification> = {}): Notification => ({
  org,
  reasons: ['jcc'],
  status: 'pending',
  by: null,
  at: null,
  comment: null,
  escalatedAt: null,
  ...over,
});
const activity = (over: Partial<Activity> = {}) =>
  ({
    id: 'a1',
    ownerOrgs: ['isf'],
    jcc: 'k1',
    conflicts: [],
    notifications: [notification('peshmerga'), notification('coalition')],
    deconflictedAt: null,
    ...over,
  }) as Activity;
const later = '2026-03-01T01:00:00.000Z';
const found = (c: ReturnType<typeof activityAlerts>) => c.map((x) => [x.rule.id, x.match]);

test('an activity alerts the notified organisations of conflicts its deconfliction at this change found anew', () => {
  const before = activity({ conflicts: [conflict('c1')], deconflictedAt: at });
  const after = activity({ conflicts: [conflict('c1'), conflict('c2')], deconflictedAt: later });
  assert.deepEqual(found(activityAlerts(after, before, { at: later, seq: 7 }, coordinationRules)), [
    ['peshmerga-activity_conflict', { kind: 'activity_conflict', newConflicts: 1 }],
    ['coalition-activity_conflict', { kind: 'activity_conflict', newConflicts: 1 }],
  ]);
  assert.deepEqual(activityAlerts(after, after, { at: later, seq: 7 }, coordinationRules), [], 'no conflict is new');
  assert.deepEqual(
    activityAlerts(after, before, { at: '2026-03-01T02:00:00.000Z', seq: 7 }, coordinationRules),
    [],
    'not deconflicted at this change',
  );
  const disabled: PreparedRules = {
    ...coordinationRules,
    rules: new Map([...coordinationRules.rules].map(([id, r]) => [id, { ...r, enabled: id.startsWith('coalition') }])),
  };
  assert.deepEqual(
    found(activityAlerts(after, null, { at: later, seq: 7 }, disabled)).map(([id]) => id),
    ['coalition-activity_conflict'],
    'only enabled rules',
  );
});

test('each change of an activity is its own occurrence: a second answer alerts again, a replayed change does not', () => {
  const answered = activity({
    notifications: [notification('peshmerga', { status: 'acknowledged', at: later, by: 'u' })],
  });
  const [first] = activityAlerts(answered, activity(), { at: later, seq: 7 }, coordinationRules);
  const [again] = activityAlerts(answered, activity(), { at: later, seq: 7 }, coordinationRules);
  assert.equal(first.occurrence, 'answer@7');
  assert.equal(again.occurrence, first.occurrence, 'the same change evaluated twice is the same occurrence');
  const laterStill = '2026-03-01T03:00:00.000Z';
  const second = activity({
    notifications: [notification('peshmerga', { status: 'concern', at: laterStill, by: 'u' })],
  });
  const [next] = activityAlerts(second, answered, { at: laterStill, seq: 9 }, coordinationRules);
  assert.equal(next.occurrence, 'answer@9', 'a later answer is a new occurrence');
});

test('an answer at this change alerts every owner; an escalation alerts the members of the JCC', () => {
  const answered = activity({
    ownerOrgs: ['isf', 'other'],
    notifications: [notification('peshmerga', { status: 'concern', at: later, by: 'u' }), notification('coalition')],
  });
  assert.deepEqual(found(activityAlerts(answered, activity(), { at: later, seq: 7 }, coordinationRules)), [
    ['isf-activity_answer', { kind: 'activity_answer', org: 'peshmerga', status: 'concern' }],
    ['other-activity_answer', { kind: 'activity_answer', org: 'peshmerga', status: 'concern' }],
  ]);
  assert.deepEqual(
    activityAlerts(answered, answered, { at: '2026-03-01T05:00:00.000Z', seq: 7 }, coordinationRules),
    [],
  );
  const escalated = activity({
    notifications: [notification('peshmerga', { escalatedAt: later }), notification('coalition')],
  });
  assert.deepEqual(
    found(activityAlerts(escalated, activity(), { at: later, seq: 7 }, coordinationRules)).map(([id]) => id),
    ['isf-activity_escalated', 'peshmerga-activity_escalated', 'coalition-activity_escalated'],
  );
  assert.deepEqual(
    activityAlerts(escalated, escalated, { at: later, seq: 7 }, coordinationRules),
    [],
    'escalated before',
  );
});

test('an overdue request alerts the requester and the addressee when it is escalated, and only then', () => {
  const r = supportRequestRecord('r1', at, { escalatedAt: later, updatedAt: later });
  assert.deepEqual(
    supportRequestAlerts(r, later, coordinationRules).map((c) => [c.rule.id, c.subjectType, c.subjectId]),
    [
      ['isf-request_overdue', 'support_request', 'r1'],
      ['peshmerga-request_overdue', 'support_request', 'r1'],
    ],
  );
  assert.deepEqual(supportRequestAlerts(r, '2026-03-01T03:00:00.000Z', coordinationRules), [], 'a later change');
  const toJcc = { ...r, addressedOrg: null, addressedJcc: 'k1' };
  assert.deepEqual(
    supportRequestAlerts(toJcc, later, coordinationRules).map((c) => c.rule.org),
    ['isf', 'peshmerga', 'coalition'],
  );
  assert.ok(triggerFor('activity', 'update')?.needsPrevious);
  assert.ok(triggerFor('support_request', 'update'));
  assert.equal(triggerFor('activity', 'create'), null);
});
