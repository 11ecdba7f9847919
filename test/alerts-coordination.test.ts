import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalateOverdue } from '../src/service/activity-escalation.ts';
import { escalateOverdueRequests } from '../src/service/support-requests.ts';
import { addCheckpoint, patrolPlan, pointPlan } from './factories/activity.ts';
import { allRoles, manualClock, requestBody } from './factories/support-request.ts';
import { eventually } from './harness/alerts.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read replies as untyped JSON
type Json = Record<string, any>;

const coordinationKinds = ['activity_conflict', 'activity_answer', 'activity_escalated', 'request_overdue'];

async function site(t: Parameters<typeof createFixture>[0], start = '2026-12-08T00:00:00.000Z') {
  const clock = manualClock(start);
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const users = [
    'isf-liaison',
    'isf-analyst',
    'isf-viewer',
    'isf-reporter',
    'peshmerga-liaison',
    'peshmerga-analyst',
    'peshmerga-viewer',
    'coalition-liaison',
    'coalition-analyst',
    'coalition-viewer',
    'other-analyst',
    'other-viewer',
  ];
  const as: Record<string, string> = Object.fromEntries(
    await Promise.all(users.map(async (u) => [u, await s.signIn(u)] as const)),
  );
  return { store, s, as, clock };
}

async function call(s: TestServer, cookie: string, method: string, path: string, json?: unknown): Promise<Json> {
  const r = await s.request(method, path, { cookie, json: json ?? (method === 'GET' ? undefined : {}) });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function addRule(s: TestServer, cookie: string, body: Json): Promise<Json> {
  const r = await s.request('POST', '/api/v1/alert-rules', { cookie, json: body });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

/** Every organisation's analyst enables the four coordination rules. */
async function coordinationRules(s: TestServer, as: Record<string, string>) {
  for (const org of ['isf', 'peshmerga', 'coalition', 'other'])
    for (const kind of coordinationKinds) await addRule(s, as[`${org}-analyst`], { name: `${org} ${kind}`, kind });
}

async function alertsOf(s: TestServer, cookie: string): Promise<Json[]> {
  return (await call(s, cookie, 'GET', '/api/v1/alerts')).items;
}

function alertOf(s: TestServer, cookie: string, kind: string, subjectId: string) {
  return eventually(
    async () => (await alertsOf(s, cookie)).find((a) => a.rule.kind === kind && a.subject.id === subjectId),
    `a ${kind} alert about ${subjectId}`,
  );
}

test('a new conflict alerts every organisation notified, showing each only what it may see of the conflicts', async (t) => {
  const { store, s, as } = await site(t);
  await coordinationRules(s, as);
  const stream = await openSse(`${s.url}/api/v1/stream`, { cookie: as['peshmerga-viewer'] });
  t.after(() => stream.close());
  // Peshmerga's checkpoint released to the JCC's partners, and one of the coalition's released to it alone.
  await addCheckpoint(store, 'peshmerga', 'Pesh CP Ridge', [44.35, 35.452], 1, { scope: 'partners' });
  const secret = await addCheckpoint(store, 'coalition', 'Coalition Site Nightjar', [44.45, 35.452], 1, {
    scope: 'org',
  });
  const plan = await call(s, as['isf-liaison'], 'POST', '/api/v1/activities', {
    ...patrolPlan({ unit: 'ISF 2nd Battalion' }),
    releasability: 'coalition',
  });
  const sent = await call(s, as['isf-liaison'], 'POST', `/api/v1/activities/${plan.id}/notify`);
  assert.equal(sent.conflicts.length, 2);
  assert.deepEqual(sent.notifications.map((n: Json) => n.org).sort(), [null, 'peshmerga']);

  const pesh = await alertOf(s, as['peshmerga-viewer'], 'activity_conflict', plan.id);
  assert.equal(pesh.subject.type, 'activity');
  assert.equal(pesh.subject.view, 'record');
  assert.equal(pesh.match.new_conflicts, 2);
  const peshConflicts = pesh.subject.record.conflicts;
  assert.equal(peshConflicts.filter((c: Json) => c.hidden).length, 1, 'the coalition’s site is a conflict tearline');
  for (const c of peshConflicts.filter((c: Json) => c.hidden))
    assert.deepEqual(Object.keys(c).sort(), ['hidden', 'jcc', 'overlap']);
  // The activity itself is released to the coalition; nothing else may name the hidden record's owner.
  const wire = JSON.stringify(pesh).replaceAll('"releasability":"coalition"', '');
  assert.ok(!wire.includes(secret) && !wire.includes('Nightjar'), 'nothing of the hidden record reaches Peshmerga');
  assert.ok(!wire.includes('coalition'), 'the hidden record’s owner is not named');
  assert.match(pesh.text, /2 new conflicts for the patrol of ISF 2nd Battalion from 2026-12-10/);

  // The coalition was notified as the owner of the site: it sees the activity, and its own record whole.
  const coalition = await alertOf(s, as['coalition-viewer'], 'activity_conflict', plan.id);
  assert.ok(coalition.subject.record.conflicts.some((c: Json) => !c.hidden && c.record_id === secret));
  // The planner is not notified of its own activity; an organisation not concerned hears nothing (the
  // engine wrote every alert of the notification together, so those above say it has been evaluated).
  assert.equal((await alertsOf(s, as['isf-viewer'])).filter((a) => a.rule.kind === 'activity_conflict').length, 0);
  assert.deepEqual(await alertsOf(s, as['other-viewer']), []);
  // The live stream carries the same alert, as the reader may see it.
  const events = await stream.until((e) =>
    e.some((x) => x.event === 'alert' && x.data.record.rule.kind === 'activity_conflict'),
  );
  const streamed = events.find((x) => x.event === 'alert' && x.data.record.rule.kind === 'activity_conflict');
  assert.ok(streamed && !JSON.stringify(streamed.data).includes('Nightjar'));

  // Changed after notification with no new conflict: no second alert. Peshmerga's acknowledgement
  // after it alerts ISF: once that is there, the change before it has been evaluated too.
  await call(s, as['isf-liaison'], 'PATCH', `/api/v1/activities/${plan.id}`, {
    version: sent.version,
    unit: 'ISF 3rd',
  });
  await call(s, as['peshmerga-liaison'], 'POST', `/api/v1/activities/${plan.id}/acknowledge`);
  await alertOf(s, as['isf-viewer'], 'activity_answer', plan.id);
  assert.equal(
    (await alertsOf(s, as['peshmerga-viewer'])).filter((a) => a.rule.kind === 'activity_conflict').length,
    1,
    'a rule alerts once per record',
  );
});

test('an answer alerts the owners, never naming an organisation notified only for a record hidden from them', async (t) => {
  const { store, s, as } = await site(t);
  await coordinationRules(s, as);
  await addCheckpoint(store, 'coalition', 'Coalition Site Nightjar', [44.45, 35.452], 1, { scope: 'org' });
  // ISF's patrol crosses the coalition's hidden site: the coalition answers first.
  const hidden = await call(s, as['isf-liaison'], 'POST', '/api/v1/activities', {
    ...patrolPlan(),
    releasability: 'coalition',
  });
  await call(s, as['isf-liaison'], 'POST', `/api/v1/activities/${hidden.id}/notify`);
  await call(s, as['coalition-liaison'], 'POST', `/api/v1/activities/${hidden.id}/acknowledge`, {
    comment: 'seen',
  });
  const first = await alertOf(s, as['isf-viewer'], 'activity_answer', hidden.id);
  assert.equal(first.match.org, null);
  assert.equal(first.match.status, 'acknowledged');
  assert.match(first.text, /^A notified organisation acknowledged the patrol of 2nd Battalion/);
  assert.ok(
    !JSON.stringify(first).replaceAll('"releasability":"coalition"', '').includes('coalition'),
    'the hidden record’s owner stays unnamed',
  );

  // A plain activity far from it: Peshmerga raises a concern and is named.
  const plain = await call(
    s,
    as['isf-liaison'],
    'POST',
    '/api/v1/activities',
    pointPlan(44.2, 35.3, '2026-12-11T06:00:00Z', '2026-12-11T08:00:00Z', { unit: 'ISF Engineers' }),
  );
  await call(s, as['isf-liaison'], 'POST', `/api/v1/activities/${plain.id}/notify`);
  await call(s, as['peshmerga-liaison'], 'POST', `/api/v1/activities/${plain.id}/concern`, {
    comment: 'our convoy uses that road',
  });
  const concern = await alertOf(s, as['isf-viewer'], 'activity_answer', plain.id);
  assert.deepEqual([concern.match.org, concern.match.status], ['peshmerga', 'concern']);
  assert.match(concern.text, /^peshmerga raised a concern about the operation of ISF Engineers from 2026-12-11/);
  // Each answer is its own occurrence: Peshmerga, reassured, acknowledges, and ISF hears that too.
  await call(s, as['peshmerga-liaison'], 'POST', `/api/v1/activities/${plain.id}/acknowledge`, { comment: 'rerouted' });
  const answers = await eventually(async () => {
    const found = (await alertsOf(s, as['isf-viewer'])).filter(
      (a) => a.rule.kind === 'activity_answer' && a.subject.id === plain.id,
    );
    return found.length === 2 ? found : undefined;
  }, 'a second answer alert');
  assert.deepEqual(answers.map((a) => a.match.status).sort(), ['acknowledged', 'concern']);
  // The answering organisation gets no answer alert of its own; nor does anyone else.
  for (const u of ['peshmerga-viewer', 'coalition-viewer', 'other-viewer'])
    assert.equal((await alertsOf(s, as[u])).filter((a) => a.rule.kind === 'activity_answer').length, 0, u);
});

test('an escalated notification alerts the JCC’s member organisations that may see the activity', async (t) => {
  const { s, as, store } = await site(t);
  await coordinationRules(s, as);
  const soon = await call(s, as['isf-liaison'], 'POST', '/api/v1/activities', {
    ...patrolPlan({ start: '2026-12-08T03:00:00Z', end: '2026-12-08T05:00:00Z', unit: 'ISF Quick Patrol' }),
  });
  await call(s, as['isf-liaison'], 'POST', `/api/v1/activities/${soon.id}/notify`);
  assert.equal(await escalateOverdue(store, new Date('2026-12-08T01:00:00Z')), 1);
  for (const u of ['isf-viewer', 'peshmerga-viewer']) {
    const a = await alertOf(s, as[u], 'activity_escalated', soon.id);
    assert.deepEqual(a.match.orgs, ['peshmerga']);
    assert.match(a.text, /escalated to the JCC liaison \(JCC k1\): peshmerga/);
  }
  for (const u of ['coalition-viewer', 'other-viewer'])
    assert.equal((await alertsOf(s, as[u])).filter((a) => a.rule.kind === 'activity_escalated').length, 0, u);
});

test('an overdue request alerts the requester and the addressee when the sweep escalates it, and nobody else', async (t) => {
  const { s, as, store, clock } = await site(t, '2026-03-01T08:00:00.000Z');
  await coordinationRules(s, as);
  const stream = await openSse(`${s.url}/api/v1/stream`, { cookie: as['peshmerga-viewer'] });
  t.after(() => stream.close());
  const toOrg = await call(
    s,
    as['isf-reporter'],
    'POST',
    '/api/v1/requests',
    requestBody(clock.now(), { addressed_org: 'peshmerga' }, { priority: 'urgent' }),
  );
  const jcc = await call(
    s,
    as['isf-reporter'],
    'POST',
    '/api/v1/requests',
    requestBody(clock.now(), { addressed_jcc: 'k1' }, { priority: 'urgent', kind: 'eod' }),
  );
  const answered = await call(
    s,
    as['isf-reporter'],
    'POST',
    '/api/v1/requests',
    requestBody(clock.now(), { addressed_org: 'peshmerga' }, { priority: 'urgent' }),
  );
  await call(s, as['peshmerga-liaison'], 'POST', `/api/v1/requests/${answered.id}/accept`);
  clock.advance(16 * 60_000);
  assert.deepEqual((await escalateOverdueRequests(store)).sort(), [toOrg.id, jcc.id].sort());
  for (const u of ['isf-viewer', 'peshmerga-viewer']) {
    for (const r of [toOrg, jcc]) {
      const a = await alertOf(s, as[u], 'request_overdue', r.id);
      assert.equal(a.subject.type, 'support_request');
      assert.equal(a.subject.record.overdue, true);
      assert.equal(a.match.priority, 'urgent');
      assert.match(
        a.text,
        /^Overdue urgent (logistics|eod) request from isf to (peshmerga|JCC k1): an answer was due by 2026-03-01 08:15 UTC/,
      );
    }
  }
  for (const u of ['coalition-viewer', 'other-viewer'])
    assert.deepEqual(await alertsOf(s, as[u]), [], `${u} is no party to the requests`);
  // The live stream carries them too, with the request as its own presenter gives it.
  const events = await stream.until(
    (e) => e.filter((x) => x.event === 'alert' && x.data.record.rule.kind === 'request_overdue').length >= 2,
  );
  for (const e of events.filter((x) => x.event === 'alert' && x.data.record.rule.kind === 'request_overdue')) {
    assert.equal(e.data.record.subject.type, 'support_request');
    assert.equal(e.data.record.subject.record.overdue, true);
    assert.match(e.data.record.text, /^Overdue urgent/);
  }
  assert.equal(
    (await alertsOf(s, as['peshmerga-viewer'])).filter((a) => a.subject.id === answered.id).length,
    0,
    'an answered request is not overdue',
  );
});

test('an incident near an organisation’s open planned activity, during it give or take the margin, alerts it', async (t) => {
  const { s, as, clock } = await site(t);
  const rule = await addRule(s, as['peshmerga-analyst'], {
    name: 'Near our plans',
    kind: 'incident_near_activity',
    radius_km: 3,
  });
  assert.equal(rule.radius_km, 3);
  const refused = await s.request('POST', '/api/v1/alert-rules', {
    cookie: as['peshmerga-analyst'],
    json: { name: 'x', kind: 'incident_near_activity' },
  });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /radius_km/);
  const bad = await s.request('POST', '/api/v1/alert-rules', {
    cookie: as['peshmerga-analyst'],
    json: { name: 'x', kind: 'activity_conflict', incident_types: ['ied'] },
  });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /incident_types/);

  // Peshmerga's patrol along 35.45° N, 06:00–10:00 on 10 December (0.5 km buffer); another, cancelled.
  const patrol = await call(s, as['peshmerga-liaison'], 'POST', '/api/v1/activities', patrolPlan({ unit: 'Pesh 5th' }));
  const cancelled = await call(
    s,
    as['peshmerga-liaison'],
    'POST',
    '/api/v1/activities',
    pointPlan(44.9, 35.6, '2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z'),
  );
  await call(s, as['peshmerga-liaison'], 'POST', `/api/v1/activities/${cancelled.id}/cancel`, {
    version: cancelled.version,
  });
  clock.set('2026-12-10T14:00:00.000Z');
  // Sessions made two days ago have lapsed: sign in again.
  for (const u of ['isf-reporter', 'isf-viewer', 'peshmerga-viewer']) as[u] = await s.signIn(u);
  const report = (body: Json) =>
    call(s, as['isf-reporter'], 'POST', '/api/v1/incidents', {
      type: 'ied',
      narrative: 'roadside device',
      ...body,
    });
  // 0.02° north: 2.2 km from the route, 1.7 km beyond its buffer; 30 min after the end, inside the 60 min margin.
  // Past the margin, too far, near a cancelled plan: reported first, so once the last report's alert
  // is there, they have been evaluated too.
  const after = await report({ lon: 44.4, lat: 35.47, time: '2026-12-10T11:30:00Z' });
  const far = await report({ lon: 44.4, lat: 35.55, time: '2026-12-10T08:00:00Z' });
  const nearCancelled = await report({ lon: 44.9, lat: 35.6, time: '2026-12-10T08:00:00Z' });
  const during = await report({ lon: 44.4, lat: 35.47, time: '2026-12-10T10:30:00Z' });
  const a = await alertOf(s, as['peshmerga-viewer'], 'incident_near_activity', during.id);
  assert.equal(a.match.activity_id, patrol.id);
  assert.equal(a.match.activity_unit, 'Pesh 5th');
  assert.ok(Math.abs(a.match.distance_km - 1.72) < 0.05, String(a.match.distance_km));
  assert.match(a.text, /^IED \/ landmine 1\.7 km from your planned patrol \(Pesh 5th\) on 2026-12-10/);
  const ids = (await alertsOf(s, as['peshmerga-viewer'])).map((x) => x.subject.id);
  for (const i of [after, far, nearCancelled]) assert.ok(!ids.includes(i.id), i.narrative);
  assert.deepEqual(await alertsOf(s, as['isf-viewer']), [], 'ISF has no such rule');
});
