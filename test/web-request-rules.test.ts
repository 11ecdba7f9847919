import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  medevacEquipment,
  medevacMarking,
  medevacNbc,
  medevacSecurity,
  supportRequestKinds,
  supportRequestPriorities,
  supportRequestStates,
} from '../src/domain/support-request.ts';
import { supportRequestSteps } from '../src/domain/support-request-steps.ts';
import { boardOf, overdueAt, stepsFor } from '../src/web/requests/request-rules.ts';
import type { SupportRequest } from '../src/web/requests/request-types.ts';

const base = {
  id: 'r1',
  kind: 'medevac',
  requester_org: 'peshmerga',
  addressed_org: 'isf',
  addressed_jcc: null,
  priority: 'urgent',
  respond_by: '2026-01-01T00:15:00.000Z',
  overdue: false,
  state: 'requested',
  responder_org: null,
  created_at: '2026-01-01T00:00:00.000Z',
  version: 1,
} as unknown as SupportRequest;
const at = (iso: string) => Date.parse(iso);

test('only the addressee answers, with the liaison or admin role; only the requester answers back or cancels', () => {
  assert.deepEqual(stepsFor(base, { org: 'isf', roles: ['liaison'] }, []), ['accept', 'decline', 'needs_information']);
  assert.deepEqual(stepsFor(base, { org: 'isf', roles: ['reporter'] }, []), []);
  assert.deepEqual(stepsFor(base, { org: 'peshmerga', roles: ['reporter'] }, []), ['cancel']);
  assert.deepEqual(stepsFor(base, { org: 'coalition', roles: ['admin'] }, []), []);
  const asked = { ...base, state: 'needs_information' } as SupportRequest;
  assert.deepEqual(stepsFor(asked, { org: 'peshmerga', roles: ['liaison'] }, []), ['answer', 'cancel']);
  const accepted = { ...base, state: 'accepted', responder_org: 'isf' } as SupportRequest;
  assert.deepEqual(stepsFor(accepted, { org: 'isf', roles: ['admin'] }, []), ['assign']);
});

test('a JCC request is answered by its members but the requester, and carried through by the one that accepted', () => {
  const toJcc = { ...base, addressed_org: null, addressed_jcc: 'k1' } as SupportRequest;
  const members = ['isf', 'peshmerga', 'coalition'];
  assert.deepEqual(stepsFor(toJcc, { org: 'coalition', roles: ['liaison'] }, members), [
    'accept',
    'decline',
    'needs_information',
  ]);
  assert.deepEqual(stepsFor(toJcc, { org: 'peshmerga', roles: ['liaison'] }, members), ['cancel']);
  const started = { ...toJcc, state: 'assigned', responder_org: 'isf' } as SupportRequest;
  assert.deepEqual(stepsFor(started, { org: 'coalition', roles: ['liaison'] }, members), []);
  assert.deepEqual(stepsFor(started, { org: 'isf', roles: ['liaison'] }, members), ['start']);
});

test('overdue while waiting past the deadline; the board puts overdue first within each state', () => {
  assert.equal(overdueAt(base, at('2026-01-01T00:10:00Z')), false);
  assert.equal(overdueAt(base, at('2026-01-01T00:16:00Z')), true);
  assert.equal(overdueAt({ ...base, state: 'accepted' } as SupportRequest, at('2026-01-01T01:00:00Z')), false);
  const later = { ...base, id: 'r2', respond_by: '2026-01-01T02:00:00.000Z' } as SupportRequest;
  const done = { ...base, id: 'r3', state: 'done' } as SupportRequest;
  const board = boardOf([later, done, base], at('2026-01-01T00:30:00Z'));
  assert.deepEqual(
    board.map((g) => [g.state, g.items.map((r) => r.id)]),
    [
      ['requested', ['r1', 'r2']],
      ['done', ['r3']],
    ],
  );
});

test('every state, kind, priority, step and MEDEVAC choice the requests panel names at run time has its words', () => {
  const en = JSON.parse(readFileSync(join(import.meta.dirname, '../src/web/i18n/locales/en.json'), 'utf8'));
  const has = (key: string) => key.split('.').reduce((node, k) => node?.[k], en) !== undefined;
  const needed = [
    ...supportRequestStates.map((s) => `requests.states.${s}`),
    ...supportRequestKinds.map((k) => `requests.kinds.${k}`),
    ...supportRequestPriorities.map((p) => `requests.priorities.${p}`),
    ...supportRequestSteps.map((s) => `requests.steps.${s}`),
    ...['decline', 'needs_information', 'answer', 'assign', 'cancel'].map((s) => `requests.stepText.${s}`),
    ...['decline', 'needs_information', 'answer', 'assign'].map((s) => `requests.stepNeeds.${s}`),
    ...['map', 'lonlat'].map((m) => `requests.by.${m}`),
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `requests.medevac.line${n}`),
    ...medevacEquipment.map((e) => `requests.medevac.equipment.${e}`),
    ...medevacSecurity.map((e) => `requests.medevac.security.${e}`),
    ...medevacMarking.map((e) => `requests.medevac.marking.${e}`),
    ...medevacNbc.map((e) => `requests.medevac.nbc.${e}`),
    ...['urgent', 'urgent_surgical', 'priority', 'routine', 'convenience'].map(
      (k) => `requests.medevac.precedence.${k}`,
    ),
    ...['own_military', 'own_civilian', 'partner_military', 'partner_civilian', 'detainee'].map(
      (k) => `requests.medevac.status.${k}`,
    ),
    ...['m', 'hm', 'dh'].map((k) => `requests.duration.${k}`),
    ...['incident', 'record'].map((k) => `alerts.open.${k}`),
    ...['near', 'corridor', 'reported', 'reportedIn'].map((k) => `alerts.text.${k}`),
  ];
  assert.deepEqual(
    needed.filter((k) => !has(k)),
    [],
  );
});
