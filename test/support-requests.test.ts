import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalateOverdueRequests } from '../src/service/support-requests.ts';
import { allRoles, manualClock, medevacLines, requestBody } from './factories/support-request.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

async function signInAll(s: TestServer, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = await s.signIn(n);
  return out;
}

test('a request goes requested → accepted → assigned → under way → done, each step by the addressee, with history', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-reporter']);

  const created = await s.request('POST', '/api/v1/requests', {
    cookie: c['isf-reporter'],
    json: requestBody(clock.now(), { addressed_org: 'peshmerga' }),
  });
  assert.equal(created.status, 201, created.text);
  const r = created.body;
  assert.equal(r.state, 'requested');
  assert.equal(r.requester_org, 'isf');
  assert.equal(r.addressed_org, 'peshmerga');
  assert.equal(r.respond_by, '2026-03-01T09:00:00.000Z', 'priority: one hour to answer by default');
  assert.equal(r.overdue, false);
  assert.match(r.mgrs, /^38S/);

  const steps: Array<[string, Record<string, unknown>, string]> = [
    ['accept', {}, 'accepted'],
    ['assign', { unit: '2nd Brigade medical platoon' }, 'assigned'],
    ['start', {}, 'under_way'],
    ['complete', {}, 'done'],
  ];
  for (const [step, body, state] of steps) {
    clock.advance(10 * 60_000);
    // Signed in at each step: the clock moves faster than sessions are kept alive.
    const res = await s.request('POST', `/api/v1/requests/${r.id}/${step}`, {
      cookie: await s.signIn('peshmerga-liaison'),
      json: body,
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.state, state);
  }
  const done = (await s.request('GET', `/api/v1/requests/${r.id}`, { cookie: await s.signIn('isf-reporter') })).body;
  assert.equal(done.responder_org, 'peshmerga');
  assert.equal(done.assigned_unit, '2nd Brigade medical platoon');
  assert.equal(done.accepted_at, '2026-03-01T08:10:00.000Z');
  assert.equal(done.completed_at, '2026-03-01T08:40:00.000Z');

  // Signed in now: a session idle for longer than the steps took would have expired.
  const viewer = await s.signIn('peshmerga-viewer');
  const history = await s.request('GET', `/api/v1/requests/${r.id}/history`, { cookie: viewer });
  assert.equal(history.status, 200, history.text);
  assert.deepEqual(
    history.body.items.map((h: { by: string; op: string }) => [h.by, h.op]),
    [
      ['isf-reporter', 'create'],
      ['peshmerga-liaison', 'update'],
      ['peshmerga-liaison', 'update'],
      ['peshmerga-liaison', 'update'],
      ['peshmerga-liaison', 'update'],
    ],
  );
  const stateChanges = history.body.items
    .slice(1)
    .map((h: { changes: Array<{ field: string; old: unknown; new: unknown }> }) =>
      h.changes.find((ch) => ch.field === 'state'),
    );
  assert.deepEqual(
    stateChanges.map((ch: { old: string; new: string }) => `${ch.old}→${ch.new}`),
    ['requested→accepted', 'accepted→assigned', 'assigned→under_way', 'under_way→done'],
  );
});

test('a request to a JCC is answered by a member other than the requester; others may not act, outsiders see nothing', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-liaison', 'peshmerga-liaison', 'peshmerga-reporter', 'coalition-liaison']);
  const r = (
    await s.request('POST', '/api/v1/requests', {
      cookie: c['isf-liaison'],
      json: requestBody(clock.now(), { addressed_jcc: 'k1' }, { kind: 'qrf', priority: 'urgent' }),
    })
  ).body;
  assert.equal(r.respond_by, '2026-03-01T08:15:00.000Z', 'urgent: 15 minutes');

  const own = await s.request('POST', `/api/v1/requests/${r.id}/accept`, { cookie: c['isf-liaison'], json: {} });
  assert.equal(own.status, 403, 'the requester does not answer its own request');
  assert.equal(own.body.error.issues[0].field, 'step');
  const role = await s.request('POST', `/api/v1/requests/${r.id}/accept`, {
    cookie: c['peshmerga-reporter'],
    json: {},
  });
  assert.equal(role.status, 403, 'a reporter does not answer for the addressee');
  assert.match(role.body.error.message, /liaison, admin/);
  const outsider = await s.request('POST', `/api/v1/requests/${r.id}/accept`, {
    cookie: c['coalition-liaison'],
    json: {},
  });
  assert.equal(outsider.status, 404, 'an organisation outside the audience gets 404');
  assert.equal((await s.request('GET', `/api/v1/requests/${r.id}`, { cookie: c['coalition-liaison'] })).status, 404);

  const ok = await s.request('POST', `/api/v1/requests/${r.id}/accept`, { cookie: c['peshmerga-liaison'], json: {} });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.responder_org, 'peshmerga');
  const cancel = await s.request('POST', `/api/v1/requests/${r.id}/cancel`, {
    cookie: c['peshmerga-liaison'],
    json: {},
  });
  assert.equal(cancel.status, 403, 'only the requester cancels');
  const cancelled = await s.request('POST', `/api/v1/requests/${r.id}/cancel`, {
    cookie: c['isf-liaison'],
    json: { reason: 'handled by our own QRF' },
  });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.state, 'cancelled');
  assert.equal(cancelled.body.cancel_reason, 'handled by our own QRF');
});

test('a question goes back to the requester and its answer back to the addressee; a decline needs a reason', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-reporter', 'peshmerga-liaison']);
  const r = (
    await s.request('POST', '/api/v1/requests', {
      cookie: c['isf-reporter'],
      json: requestBody(clock.now(), { addressed_org: 'peshmerga' }, { kind: 'eod' }),
    })
  ).body;
  const ask = await s.request('POST', `/api/v1/requests/${r.id}/needs-information`, {
    cookie: c['peshmerga-liaison'],
    json: { question: 'how many devices?' },
  });
  assert.equal(ask.status, 200, ask.text);
  assert.equal(ask.body.state, 'needs_information');
  assert.equal(ask.body.question, 'how many devices?');
  const early = await s.request('POST', `/api/v1/requests/${r.id}/accept`, {
    cookie: c['peshmerga-liaison'],
    json: {},
  });
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /step accept may not follow state needs_information/);
  const answer = await s.request('POST', `/api/v1/requests/${r.id}/answer`, {
    cookie: c['isf-reporter'],
    json: { answer: 'two, by the culvert' },
  });
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.state, 'requested');

  const before = (await s.request('GET', `/api/v1/requests/${r.id}/history`, { cookie: c['isf-reporter'] })).body.items
    .length;
  for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(1001) }, { reason: 'ok', extra: 1 }]) {
    const res = await s.request('POST', `/api/v1/requests/${r.id}/decline`, {
      cookie: c['peshmerga-liaison'],
      json: body,
    });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.ok(
      res.body.error.issues.some((i: { field: string }) => i.field === 'reason' || i.field === 'extra'),
      res.text,
    );
  }
  const after = (await s.request('GET', `/api/v1/requests/${r.id}/history`, { cookie: c['isf-reporter'] })).body.items
    .length;
  assert.equal(after, before, 'nothing written by a refused step');
  const declined = await s.request('POST', `/api/v1/requests/${r.id}/decline`, {
    cookie: c['peshmerga-liaison'],
    json: { reason: 'no EOD team free before tomorrow' },
  });
  assert.equal(declined.status, 200, declined.text);
  assert.equal(declined.body.decline_reason, 'no EOD team free before tomorrow');
});

test('the requests API is in the OpenAPI document, each step its own path', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const s = await startServer(t, store);
  const doc = (await s.request('GET', '/api/v1/openapi.json')).body;
  for (const path of [
    '/api/v1/requests',
    '/api/v1/requests/stats',
    '/api/v1/requests/export',
    '/api/v1/requests/{id}',
    '/api/v1/requests/{id}/history',
    ...['accept', 'decline', 'needs-information', 'answer', 'assign', 'start', 'complete', 'cancel'].map(
      (step) => `/api/v1/requests/{id}/${step}`,
    ),
  ])
    assert.ok(doc.paths[path], `${path} documented`);
  const create = doc.paths['/api/v1/requests'].post.requestBody.content['application/json'].schema;
  assert.ok(create.properties.medevac && create.properties.priority, 'the create body is documented');
  assert.deepEqual(
    doc.paths['/api/v1/requests/{id}/decline'].post.requestBody.content['application/json'].schema.required,
    ['reason'],
  );
});

test('bad input is refused naming the field, and nothing is written', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-reporter', 'isf-viewer']);
  const now = clock.now();
  const base = requestBody(now, { addressed_org: 'peshmerga' });
  const { lon: _lon, lat: _lat, ...noLocation } = base;
  const cases: Array<[string, Record<string, unknown>]> = [
    ['kind', { ...base, kind: 'airstrike' }],
    ['priority', { ...base, priority: 'whenever' }],
    ['addressed_org', { ...base, addressed_org: 'nobody' }],
    ['addressed_org', { ...base, addressed_org: 'isf' }],
    ['addressed_org', { ...base, addressed_jcc: 'k1' }],
    ['addressed_jcc', { ...noLocation, lon: 44, lat: 35, addressed_org: undefined, addressed_jcc: 'k9' }],
    ['lat', { ...base, lat: 91 }],
    ['lon', noLocation],
    ['mgrs', { ...noLocation, mgrs: 'not-a-grid' }],
    ['mgrs', { ...base, mgrs: '38SME4465625337' }],
    ['needed_at', { ...base, needed_at: 'tomorrow' }],
    ['needed_at', { ...base, needed_at: '2020-01-01T00:00:00Z' }],
    ['needed_at', { ...base, needed_at: '2031-01-01T00:00:00Z' }],
    ['needed_until', { ...base, needed_until: new Date(now.getTime() - 3_600_000).toISOString() }],
    ['needed_until', { ...base, needed_until: new Date(now.getTime() + 40 * 86_400_000).toISOString() }],
    ['details', { ...base, details: 'x'.repeat(4001) }],
    ['medevac', { ...base, kind: 'medevac' }],
    ['medevac', { ...base, medevac: medevacLines() }],
    ['medevac.litter', { ...base, kind: 'medevac', medevac: { ...medevacLines(), litter: 2 } }],
    [
      'medevac.patients_by_status',
      { ...base, kind: 'medevac', medevac: { ...medevacLines(), patients_by_status: {} } },
    ],
    ['medevac.equipment', { ...base, kind: 'medevac', medevac: { ...medevacLines(), equipment: ['none', 'hoist'] } }],
    ['medevac.security', { ...base, kind: 'medevac', medevac: { ...medevacLines(), security: 'fine' } }],
    ['medevac.call_sign', { ...base, kind: 'medevac', medevac: { ...medevacLines(), call_sign: '' } }],
    ['linked_incident', { ...base, linked_incident: '0190a6f0-0000-7000-8000-000000000000' }],
    ['releasability', { ...base, releasability: 'everyone' }],
    ['releasability', { ...base, releasability: 'group:nosuch' }],
    ['surprise', { ...base, surprise: true }],
  ];
  for (const [field, body] of cases) {
    const json = JSON.parse(JSON.stringify(body));
    const res = await s.request('POST', '/api/v1/requests', { cookie: c['isf-reporter'], json });
    assert.equal(res.status, 400, `${field}: ${res.text}`);
    assert.ok(
      res.body.error.issues?.some((i: { field: string }) => i.field === field),
      `${field} named: ${res.text}`,
    );
  }
  for (const [query, field] of [
    ['state=lost', 'state'],
    ['state=requested,lost', 'state'],
    ['overdue=maybe', 'overdue'],
    ['priority=soon', 'priority'],
    ['since=yesterday', 'since'],
    ['to=DROP%20TABLE', 'to'],
    ['limit=100000', 'limit'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ]) {
    const res = await s.request('GET', `/api/v1/requests?${query}`, { cookie: c['isf-reporter'] });
    assert.equal(res.status, 400, query);
    assert.ok(
      res.body.error.issues.some((i: { field: string }) => i.field.startsWith(field)),
      `${query}: ${res.text}`,
    );
  }
  const exportFormat = await s.request('GET', '/api/v1/requests/export?format=kml', { cookie: c['isf-reporter'] });
  assert.equal(exportFormat.status, 400);
  const badId = await s.request('POST', '/api/v1/requests/not-an-id/accept', { cookie: c['isf-reporter'], json: {} });
  assert.equal(badId.status, 400);
  const noSuch = await s.request('POST', '/api/v1/requests/0190a6f0-0000-7000-8000-000000000000/accept', {
    cookie: c['isf-reporter'],
    json: {},
  });
  assert.equal(noSuch.status, 404);
  const viewer = await s.request('POST', '/api/v1/requests', { cookie: c['isf-viewer'], json: base });
  assert.equal(viewer.status, 403, 'a viewer may not ask for support');
  const list = await s.request('GET', '/api/v1/requests', { cookie: c['isf-reporter'] });
  assert.deepEqual(list.body.items, [], 'nothing was written');
  assert.equal(await store.changeLog.lastSeqOf(['support_request']), 0);

  const medevac = await s.request('POST', '/api/v1/requests', {
    cookie: c['isf-reporter'],
    json: { ...noLocation, mgrs: '38SME4465625337', kind: 'medevac', priority: 'urgent', medevac: medevacLines() },
  });
  assert.equal(medevac.status, 201, medevac.text);
  assert.equal(medevac.body.medevac.call_sign, 'NINEVEH 6');
  assert.deepEqual(medevac.body.medevac.patients_by_precedence, {
    urgent: 1,
    urgent_surgical: 0,
    priority: 1,
    routine: 0,
    convenience: 0,
  });
  assert.equal(medevac.body.mgrs, '38SME4465625337');
});

test('a linked incident must be one the requester may see, and shows only to readers who may see it', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-reporter', 'peshmerga-reporter', 'peshmerga-liaison']);
  const incident = await s.request('POST', '/api/v1/incidents', {
    cookie: c['isf-reporter'],
    json: { type: 'ied', time: '2026-03-01T07:00:00Z', lon: 44.39, lat: 35.47, releasability: 'org' },
  });
  assert.equal(incident.status, 201, incident.text);
  const id = incident.body.id;
  const hidden = await s.request('POST', '/api/v1/requests', {
    cookie: c['peshmerga-reporter'],
    json: requestBody(clock.now(), { addressed_org: 'isf' }, { linked_incident: id }),
  });
  const absent = await s.request('POST', '/api/v1/requests', {
    cookie: c['peshmerga-reporter'],
    json: requestBody(
      clock.now(),
      { addressed_org: 'isf' },
      { linked_incident: '0190a6f0-0000-7000-8000-000000000000' },
    ),
  });
  assert.equal(hidden.status, 400);
  assert.equal(absent.status, 400);
  assert.equal(
    hidden.body.error.message.replace(id, 'ID'),
    absent.body.error.message.replace('0190a6f0-0000-7000-8000-000000000000', 'ID'),
    'an incident the requester may not see is refused exactly as one that does not exist',
  );

  const r = await s.request('POST', '/api/v1/requests', {
    cookie: c['isf-reporter'],
    json: requestBody(clock.now(), { addressed_org: 'peshmerga' }, { kind: 'eod', linked_incident: id }),
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.linked_incident, id);
  const stream = await openSse(`${s.url}/api/v1/stream?after=0`, { cookie: c['peshmerga-liaison'] });
  t.after(() => stream.close());
  const seen = await s.request('GET', `/api/v1/requests/${r.body.id}`, { cookie: c['peshmerga-liaison'] });
  assert.equal(seen.body.linked_incident, null, 'the addressee may not see the incident, so not its id');
  const listed = await s.request('GET', '/api/v1/requests', { cookie: c['peshmerga-liaison'] });
  assert.equal(listed.body.items[0].linked_incident, null);
  const history = await s.request('GET', `/api/v1/requests/${r.body.id}/history`, { cookie: c['peshmerga-liaison'] });
  assert.equal(history.status, 200);
  const exported = await s.request('GET', '/api/v1/requests/export?format=geojson', { cookie: c['peshmerga-liaison'] });
  assert.equal(exported.status, 200);
  assert.ok(!exported.text.includes(id), 'the export does not carry the hidden incident id');
  const events = await stream.until((ev) => ev.some((e) => e.event === 'support_request'));
  const event = events.find((e) => e.event === 'support_request');
  assert.equal(event?.data.record.linked_incident, null, 'nor does the live stream');
  assert.ok(!JSON.stringify(events).includes(id));
});

test('a request not answered by its deadline is flagged overdue, listed first, and escalated once', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  const c = await signInAll(s, ['isf-reporter', 'peshmerga-liaison']);
  const stream = await openSse(`${s.url}/api/v1/stream`, { cookie: c['peshmerga-liaison'] });
  t.after(() => stream.close());
  const create = async (priority: string) =>
    (
      await s.request('POST', '/api/v1/requests', {
        cookie: c['isf-reporter'],
        json: requestBody(clock.now(), { addressed_org: 'peshmerga' }, { priority }),
      })
    ).body;
  const routine = await create('routine');
  const urgent = await create('urgent');
  const answered = await create('urgent');
  await s.request('POST', `/api/v1/requests/${answered.id}/accept`, { cookie: c['peshmerga-liaison'], json: {} });

  clock.advance(15 * 60_000);
  assert.deepEqual(await escalateOverdueRequests(store), [], 'at the deadline itself a request is not yet overdue');
  assert.equal(
    (await s.request('GET', `/api/v1/requests/${urgent.id}`, { cookie: c['isf-reporter'] })).body.overdue,
    false,
  );
  clock.advance(60_000);
  const got = (await s.request('GET', `/api/v1/requests/${urgent.id}`, { cookie: c['isf-reporter'] })).body;
  assert.equal(got.overdue, true);
  assert.equal(got.escalated_at, null, 'flagged on read before any sweep');
  const list = (await s.request('GET', '/api/v1/requests', { cookie: c['peshmerga-liaison'] })).body.items;
  assert.deepEqual(
    list.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue]),
    [
      [urgent.id, true],
      [answered.id, false],
      [routine.id, false],
    ],
    'overdue first, then by deadline',
  );
  const onlyOverdue = (await s.request('GET', '/api/v1/requests?overdue=true', { cookie: c['peshmerga-liaison'] })).body
    .items;
  assert.deepEqual(
    onlyOverdue.map((r: { id: string }) => r.id),
    [urgent.id],
  );

  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ id: string }>; next: string | null } = (
      await s.request('GET', `/api/v1/requests?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        cookie: c['peshmerga-liaison'],
      })
    ).body;
    walked.push(...page.items.map((r) => r.id));
    cursor = page.next;
  } while (cursor);
  assert.deepEqual(walked, [urgent.id, answered.id, routine.id], 'paging one at a time keeps the order');

  assert.deepEqual(await escalateOverdueRequests(store), [urgent.id]);
  assert.deepEqual(await escalateOverdueRequests(store), [], 'escalated once');
  clock.advance(3_600_000);
  assert.deepEqual(await escalateOverdueRequests(store), [], 'still once, an hour later');
  const entries = await store.changeLog.ofRecord('support_request', urgent.id);
  const escalations = entries.filter((e) => (e.data as { escalatedAt: string | null }).escalatedAt !== null);
  assert.equal(escalations.length, 1, 'one escalation in the change log');
  const audit = await store.auditLog.query({ action: 'support_request.escalate' }, 10);
  assert.equal(audit.length, 1);
  const events = await stream.until((ev) =>
    ev.some((e) => e.event === 'support_request' && e.data.record.id === urgent.id && e.data.record.escalated_at),
  );
  const escalated = events.filter((e) => e.data.record.id === urgent.id && e.data.record.escalated_at);
  assert.equal(escalated.length, 1);
  assert.equal(escalated[0].data.record.overdue, true);
  assert.equal(escalated[0].data.record.escalated_at, escalated[0].data.at, 'the escalation is told apart by its time');

  const history = (
    await s.request('GET', `/api/v1/requests/${urgent.id}/history`, { cookie: await s.signIn('isf-reporter') })
  ).body.items;
  assert.deepEqual(
    history.map((h: { changes: Array<{ field: string; new: unknown }> }) =>
      h.changes.filter((ch) => ch.field === 'overdue' || ch.field === 'escalated_at').map((ch) => ch.field),
    ),
    [[], ['overdue', 'escalated_at']],
    'the history shows when it became overdue and was escalated',
  );
  const late = await s.request('POST', `/api/v1/requests/${urgent.id}/accept`, {
    cookie: await s.signIn('peshmerga-liaison'),
    json: {},
  });
  assert.equal(late.status, 200, 'a late answer is still taken');
  assert.equal(late.body.overdue, false);
});

test('the server runs the overdue sweep on a timer', async (t) => {
  const clock = manualClock();
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store, { overdueSweepMs: 20 });
  const cookie = await s.signIn('isf-reporter');
  const r = (
    await s.request('POST', '/api/v1/requests', {
      cookie,
      json: requestBody(clock.now(), { addressed_org: 'peshmerga' }, { priority: 'urgent' }),
    })
  ).body;
  clock.advance(16 * 60_000);
  const deadline = Date.now() + 5000;
  let seen = null;
  while (Date.now() < deadline) {
    seen = (await s.request('GET', `/api/v1/requests/${r.id}`, { cookie })).body.escalated_at;
    if (seen) break;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  assert.equal(seen, clock.now().toISOString());
});

test('response times: median and 90th percentile per organisation and per JCC, over a period, from visible requests only', async (t) => {
  const clock = manualClock('2026-03-01T08:00:00.000Z');
  const { store } = await createFixture(t, { roles: allRoles, now: clock.now });
  const s = await startServer(t, store);
  // Signed in for each action: the clock jumps further than a session stays idle.
  const act = async (user: string, method: string, path: string, json?: unknown) => {
    const res = await s.request(method, path, { cookie: await s.signIn(user), json });
    assert.ok(res.status < 300, res.text);
    return res.body;
  };
  const t0 = Date.parse('2026-03-01T08:00:00.000Z');
  const at = (minutes: number) => clock.set(new Date(t0 + minutes * 60_000).toISOString());
  const ask = (by: string, to: { addressed_org: string } | { addressed_jcc: string }) =>
    act(by, 'POST', '/api/v1/requests', requestBody(clock.now(), to));

  // Forty days before: outside the default 30-day period.
  clock.set('2026-01-20T08:00:00.000Z');
  const old = await ask('isf-liaison', { addressed_org: 'peshmerga' });
  clock.advance(5 * 60_000);
  await act('peshmerga-liaison', 'POST', `/api/v1/requests/${old.id}/accept`, {});

  at(0);
  const [a, b, c, d] = [
    await ask('isf-liaison', { addressed_org: 'peshmerga' }),
    await ask('isf-liaison', { addressed_org: 'peshmerga' }),
    await ask('isf-liaison', { addressed_org: 'peshmerga' }),
    await ask('isf-liaison', { addressed_org: 'peshmerga' }),
  ];
  const e = await ask('isf-liaison', { addressed_jcc: 'k1' });
  const f = await ask('peshmerga-liaison', { addressed_org: 'isf' });
  await ask('isf-liaison', { addressed_org: 'peshmerga' }); // never answered: no time to accept
  const accepts: Array<[number, string, string]> = [
    [1, f.id, 'isf-liaison'],
    [2, a.id, 'peshmerga-liaison'],
    [4, b.id, 'peshmerga-liaison'],
    [6, c.id, 'peshmerga-liaison'],
    [10, e.id, 'peshmerga-liaison'],
    [30, d.id, 'peshmerga-liaison'],
  ];
  for (const [minute, id, user] of accepts) {
    at(minute);
    await act(user, 'POST', `/api/v1/requests/${id}/accept`, {});
  }
  for (const [minute, id] of [
    [60, a.id],
    [90, b.id],
  ] as const) {
    at(minute - 1);
    await act('peshmerga-liaison', 'POST', `/api/v1/requests/${id}/assign`, { unit: 'engineer troop' });
    await act('peshmerga-liaison', 'POST', `/api/v1/requests/${id}/start`, {});
    at(minute);
    await act('peshmerga-liaison', 'POST', `/api/v1/requests/${id}/complete`, {});
  }
  at(120);

  const stats = await act('isf-viewer', 'GET', '/api/v1/requests/stats');
  assert.deepEqual(stats.by_org, [
    {
      org: 'isf',
      requests: 1,
      to_accept: { count: 1, median_s: 60, p90_s: 60 },
      to_complete: { count: 0, median_s: null, p90_s: null },
    },
    {
      org: 'peshmerga',
      requests: 5,
      // 120, 240, 360, 600, 1800 s: the middle one; nearest rank ceil(0.9 × 5) = 5th.
      to_accept: { count: 5, median_s: 360, p90_s: 1800 },
      // 3600, 5400 s: the mean of the two; nearest rank ceil(0.9 × 2) = 2nd.
      to_complete: { count: 2, median_s: 4500, p90_s: 5400 },
    },
  ]);
  assert.deepEqual(stats.by_jcc, [
    {
      jcc: 'k1',
      requests: 1,
      to_accept: { count: 1, median_s: 600, p90_s: 600 },
      to_complete: { count: 0, median_s: null, p90_s: null },
    },
  ]);

  const wider = await act('isf-viewer', 'GET', '/api/v1/requests/stats?since=2026-01-01T00:00:00Z');
  assert.deepEqual(
    wider.by_org[1].to_accept,
    { count: 6, median_s: 330, p90_s: 1800 },
    'the old request (300 s) counts too',
  );

  const outsider = await act('coalition-viewer', 'GET', '/api/v1/requests/stats');
  assert.deepEqual([outsider.by_org, outsider.by_jcc], [[], []], 'requests a reader may not see are not measured');

  const inverted = await s.request(
    'GET',
    '/api/v1/requests/stats?since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z',
    {
      cookie: await s.signIn('isf-viewer'),
    },
  );
  assert.equal(inverted.status, 400);
  assert.equal(inverted.body.error.issues[0].field, 'until');
});
