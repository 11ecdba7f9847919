import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escalateOverdue } from '../src/service/activity-escalation.ts';
import { activityNow, addCheckpoint, patrolPlan } from './factories/activity.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

async function site(t: Parameters<typeof createFixture>[0]) {
  const { store } = await createFixture(t, { roles: ['viewer', 'liaison'], now: () => activityNow });
  const server = await startServer(t, store);
  return { store, server, isf: await server.signIn('isf-liaison'), pesh: await server.signIn('peshmerga-liaison') };
}

function post(server: TestServer, cookie: string, path: string, json: unknown = {}) {
  return server.request('POST', `/api/v1/activities${path}`, { cookie, json });
}

test('bad input is refused with the field named and the reason, and nothing is written', async (t) => {
  const { store, server, isf } = await site(t);
  const loop = [
    [44.3, 35.4],
    [44.5, 35.5],
    [44.5, 35.4],
    [44.3, 35.5],
  ];
  const cases: Array<[string, Record<string, unknown>, string, number]> = [
    ['end before start', { end: '2026-12-10T05:00:00Z' }, 'end', 400],
    ['years long', { end: '2029-12-10T05:00:00Z' }, 'end', 400],
    [
      'recurrence too long',
      { end: '2026-12-10T07:00:00Z', recurrence: { until: '2027-06-01' } },
      'recurrence.until',
      400,
    ],
    ['absurd radius', { area: { shape: 'point', at: [44.4, 35.4], radius_km: 900 } }, 'area.radius_km', 400],
    ['self-intersecting route', { area: { shape: 'route', points: loop, buffer_km: 1 } }, 'area.points', 400],
    [
      'absurd polygon',
      {
        area: {
          shape: 'polygon',
          points: [
            [40, 30],
            [48, 30],
            [48, 37],
            [40, 37],
          ],
        },
      },
      'area.points',
      400,
    ],
    ['self-intersecting polygon', { area: { shape: 'polygon', points: loop } }, 'area.points', 400],
    ['bad MGRS', { area: { shape: 'point', at: { mgrs: '38SZZ' }, radius_km: 1 } }, 'area.at.mgrs', 400],
    ['unknown kind', { kind: 'raid' }, 'kind', 400],
    ['another organisation as sole owner', { owner_orgs: ['peshmerga'] }, 'owner_orgs', 403],
    ['unknown owner', { owner_orgs: ['isf', 'nobody'] }, 'owner_orgs.1', 400],
    ['unknown field', { colour: 'red' }, 'colour', 400],
  ];
  const before = await store.changeLog.lastSeq();
  for (const [what, change, field, status] of cases) {
    const r = await post(server, isf, '', patrolPlan(change));
    assert.equal(r.status, status, `${what}: ${r.text}`);
    assert.ok(
      r.body.error.issues.some((i: { field: string }) => i.field === field),
      `${what}: expected field ${field} in ${r.text}`,
    );
  }
  const viewer = await server.signIn('isf-viewer');
  assert.equal((await post(server, viewer, '', patrolPlan())).status, 403, 'a viewer cannot plan');
  assert.equal(await store.changeLog.lastSeq(), before, 'nothing was written');
  assert.deepEqual(await store.activities.query({}, null, 10), []);
});

test('the state machine refuses every step that skips one, and an organisation acting on another’s activity', async (t) => {
  const { store, server, isf, pesh } = await site(t);
  await addCheckpoint(store, 'peshmerga', 'CP', [44.4, 35.46], 1);
  const a = (await post(server, isf, '', patrolPlan())).body;
  const refused = async (cookie: string, path: string, json: unknown, status: number, field: string) => {
    const seq = await store.changeLog.lastSeq();
    const r = await post(server, cookie, `/${a.id}${path}`, json);
    assert.equal(r.status, status, `${path}: ${r.text}`);
    assert.ok(
      r.body.error.issues.some((i: { field: string }) => i.field === field),
      `${path}: ${r.text}`,
    );
    assert.equal(await store.changeLog.lastSeq(), seq, `${path} wrote nothing`);
  };
  await refused(isf, '/start', { version: 1 }, 409, 'state');
  await refused(isf, '/done', { version: 1 }, 409, 'state');
  await refused(pesh, '/acknowledge', {}, 409, 'state');
  await refused(pesh, '/notify', {}, 403, 'owner_orgs');
  const sent = await post(server, isf, `/${a.id}/notify`);
  assert.equal(sent.body.state, 'notified');
  await refused(isf, '/notify', {}, 409, 'state');
  await refused(isf, '/start', { version: 2 }, 409, 'state');
  await refused(isf, '/acknowledge', {}, 403, 'org');
  await refused(pesh, '/cancel', { version: 2 }, 403, 'owner_orgs');
  await refused(isf, '/cancel', { version: 1 }, 409, 'version');
  const patch = await server.request('PATCH', `/api/v1/activities/${a.id}`, {
    cookie: pesh,
    json: { version: 2, unit: 'x' },
  });
  assert.equal(patch.status, 403);
  await refused(pesh, '/concern', {}, 400, 'comment');

  // Peshmerga raises a concern, then acknowledges; ISF sees who answered, then runs the patrol.
  const concern = await post(server, pesh, `/${a.id}/concern`, { comment: 'our convoy moves at 07:00' });
  assert.equal(concern.body.state, 'conflict_raised');
  await refused(isf, '/start', { version: 3 }, 409, 'state');
  const ack = await post(server, pesh, `/${a.id}/acknowledge`, { comment: 'convoy moved to 12:00' });
  assert.equal(ack.status, 200, ack.text);
  assert.equal(ack.body.notice, false, 'peshmerga, a JCC partner, sees the patrol whole');
  const seen = await server.request('GET', `/api/v1/activities/${a.id}`, { cookie: isf });
  assert.equal(seen.body.state, 'acknowledged');
  const [n] = seen.body.notifications;
  assert.deepEqual([n.org, n.status, n.comment], ['peshmerga', 'acknowledged', 'convoy moved to 12:00']);
  assert.ok(n.by && n.at);
  const started = await post(server, isf, `/${a.id}/start`, { version: seen.body.version });
  assert.equal(started.body.state, 'under_way');
  await refused(isf, '/notify', {}, 409, 'state');
  const done = await post(server, isf, `/${a.id}/done`, { version: started.body.version });
  assert.equal(done.body.state, 'done');
  await refused(isf, '/cancel', { version: done.body.version }, 409, 'state');
  const history = await server.request('GET', `/api/v1/activities/${a.id}/history`, { cookie: isf });
  assert.equal(history.status, 200, history.text);
  const states = history.body.items.map(
    (h: { changes: Array<{ field: string; new: unknown }> }) => h.changes.find((c) => c.field === 'state')?.new ?? null,
  );
  assert.deepEqual(states, [null, 'notified', 'conflict_raised', 'acknowledged', 'under_way', 'done']);
  assert.deepEqual(
    history.body.items.map((h: { version: number; by: string }) => [h.version, h.by]),
    [
      [1, 'isf-liaison'],
      [2, 'isf-liaison'],
      [3, 'peshmerga-liaison'],
      [4, 'peshmerga-liaison'],
      [5, 'isf-liaison'],
      [6, 'isf-liaison'],
    ],
  );
});

test('a joint activity counts as approved once each owner has approved it', async (t) => {
  const { server, isf, pesh } = await site(t);
  const joint = await post(server, isf, '', patrolPlan({ owner_orgs: ['isf', 'peshmerga'], unit: 'Joint task force' }));
  assert.equal(joint.status, 201, joint.text);
  assert.equal(joint.body.joint, true);
  const sent = await post(server, isf, `/${joint.body.id}/notify`);
  assert.deepEqual(sent.body.notifications, [], 'both JCC members own it');
  assert.deepEqual(
    sent.body.approvals.map((p: { org: string }) => p.org),
    ['isf'],
  );
  assert.equal(sent.body.state, 'notified', 'waiting for Peshmerga to approve');
  const approved = await post(server, pesh, `/${joint.body.id}/approve`);
  assert.equal(approved.status, 200, approved.text);
  assert.deepEqual(
    approved.body.approvals.map((p: { org: string }) => p.org),
    ['isf', 'peshmerga'],
  );
  assert.equal(approved.body.state, 'acknowledged');
  const single = await post(server, isf, '', patrolPlan());
  await post(server, isf, `/${single.body.id}/notify`);
  const r = await post(server, isf, `/${single.body.id}/approve`);
  assert.equal(r.status, 400);
  assert.equal(r.body.error.issues[0].field, 'owner_orgs');
});

test('notifications unanswered past the deadline escalate to the JCC through the write path, once', async (t) => {
  const { store, server, isf, pesh } = await site(t);
  const soon = (await post(server, isf, '', patrolPlan({ start: '2026-12-08T03:00:00Z', end: '2026-12-08T05:00:00Z' })))
    .body;
  const later = (await post(server, isf, '', patrolPlan())).body;
  const answered = (
    await post(server, isf, '', patrolPlan({ start: '2026-12-08T01:00:00Z', end: '2026-12-08T02:00:00Z' }))
  ).body;
  for (const a of [soon, later, answered]) await post(server, isf, `/${a.id}/notify`);
  await post(server, pesh, `/${answered.id}/acknowledge`);
  const heard: string[] = [];
  store.bus.subscribe((e) => {
    if (e.recordType === 'activity') heard.push(e.recordId);
  });
  // Two hours before `soon` starts, its notification is overdue; `later` is days away.
  assert.equal(await escalateOverdue(store, new Date('2026-12-08T00:59:00Z')), 0);
  assert.equal(await escalateOverdue(store, new Date('2026-12-08T01:00:00Z')), 1);
  assert.deepEqual(heard, [soon.id]);
  const read = await server.request('GET', `/api/v1/activities/${soon.id}`, { cookie: isf });
  assert.equal(read.body.notifications[0].escalated_at, '2026-12-08T01:00:00.000Z');
  assert.equal(read.body.notifications[0].status, 'pending');
  assert.equal(await escalateOverdue(store, new Date('2026-12-08T02:00:00Z')), 0, 'escalated once');
  const audit = await store.auditLog.query({ action: 'activity.escalate' }, 10);
  assert.equal(audit.length, 1);
});

test('the organisation notified hears of it on its live stream, and the owner hears the acknowledgement without reloading', async (t) => {
  const { server, isf, pesh } = await site(t);
  const peshStream = await openSse(`${server.url}/api/v1/stream`, { cookie: pesh });
  const isfStream = await openSse(`${server.url}/api/v1/stream`, { cookie: isf });
  t.after(() => {
    peshStream.close();
    isfStream.close();
  });
  const a = (await post(server, isf, '', patrolPlan())).body;
  await post(server, isf, `/${a.id}/notify`);
  const told = await peshStream.until((es) =>
    es.some((e) => e.event === 'activity' && e.data.record.id === a.id && e.data.record.state === 'notified'),
  );
  const notified = told.find((e) => e.data.record.state === 'notified')?.data.record;
  assert.deepEqual(
    notified.notifications.map((n: { org: string; status: string }) => [n.org, n.status]),
    [['peshmerga', 'pending']],
  );
  await post(server, pesh, `/${a.id}/acknowledge`, { comment: 'clear' });
  const heard = await isfStream.until((es) =>
    es.some((e) => e.event === 'activity' && e.data.record.state === 'acknowledged'),
  );
  const acked = heard.find((e) => e.data.record.state === 'acknowledged')?.data.record;
  assert.deepEqual(
    acked.notifications.map((n: { org: string; status: string; comment: string }) => [n.org, n.status, n.comment]),
    [['peshmerga', 'acknowledged', 'clear']],
  );
});
