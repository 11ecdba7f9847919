import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalateOverdueRequests } from '../src/service/support-requests.ts';
import { allRoles, manualClock, requestBody, signInAll } from './factories/support-request.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

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
