import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AlertRule, alertRuleCreateSchema, changedAlertRule, newAlertRule, unusedField } from './alert-rule.ts';
import { alertText } from './alert-text.ts';
import { type AlertAreas, incidentAlerts, triggerFor } from './alerts.ts';
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
