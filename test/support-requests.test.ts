import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRoles, manualClock, requestBody, signInAll } from './factories/support-request.ts';
import { createFixture, startServer } from './harness/fixture.ts';

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
