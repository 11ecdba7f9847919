import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activityNow, addCheckpoint, patrolPlan, pointPlan } from './factories/activity.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

test('a conflict with an ISF-only activity reaches Peshmerga without any detail of it, on every read path', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer', 'liaison', 'admin'], now: () => activityNow });
  const server = await startServer(t, store);
  const isf = await server.signIn('isf-liaison');
  const pesh = await server.signIn('peshmerga-liaison');
  const peshViewer = await server.signIn('peshmerga-viewer');
  const stream = await openSse(`${server.url}/api/v1/stream`, { cookie: peshViewer });
  t.after(() => stream.close());

  // ISF's own operation, released to ISF alone, and an ISF-only checkpoint.
  const secret = await server.request('POST', '/api/v1/activities', {
    cookie: isf,
    json: pointPlan(44.4, 35.452, '2026-12-10T07:00:00Z', '2026-12-10T09:00:00Z', {
      unit: 'Secret Unit Falcon',
      releasability: 'org',
    }),
  });
  assert.equal(secret.status, 201, secret.text);
  const sent = await server.request('POST', `/api/v1/activities/${secret.body.id}/notify`, { cookie: isf, json: {} });
  assert.deepEqual(sent.body.notifications, [], 'nobody else may know of an ISF-only activity, so nobody is notified');
  const hiddenCheckpoint = await addCheckpoint(store, 'isf', 'Hidden CP Lion', [44.45, 35.46], 1, { scope: 'org' });

  // Peshmerga plans a patrol across both and sends it.
  const plan = patrolPlan({ unit: 'Peshmerga 5th', releasability: 'partners' });
  const preview = await server.request('POST', '/api/v1/activities/deconflict', { cookie: pesh, json: plan });
  const planned = await server.request('POST', '/api/v1/activities', { cookie: pesh, json: plan });
  const notified = await server.request('POST', `/api/v1/activities/${planned.body.id}/notify`, {
    cookie: pesh,
    json: {},
  });
  assert.equal(notified.status, 200, notified.text);
  const read = await server.request('GET', `/api/v1/activities/${planned.body.id}`, { cookie: pesh });
  const list = await server.request('GET', '/api/v1/activities', { cookie: peshViewer });
  const geojson = await server.request('GET', '/api/v1/activities/export?format=geojson', { cookie: pesh });
  const csv = await server.request('GET', '/api/v1/activities/export?format=csv', { cookie: pesh });
  await stream.until((events) => events.some((e) => e.event === 'activity' && e.data.record.state === 'notified'));

  for (const body of [notified.body, read.body, preview.body]) {
    assert.equal(body.conflicts.length, 2);
    for (const c of body.conflicts) {
      assert.deepEqual(Object.keys(c).sort(), ['hidden', 'jcc', 'overlap']);
      assert.equal(c.hidden, true);
      assert.equal(c.jcc, 'k1');
    }
    assert.deepEqual(
      body.conflicts
        .map((c: { overlap: { start: string; end: string } }) => `${c.overlap.start}/${c.overlap.end}`)
        .sort(),
      ['2026-12-10T05:00:00.000Z/2026-12-10T11:00:00.000Z', '2026-12-10T07:00:00.000Z/2026-12-10T09:00:00.000Z'],
    );
    // ISF is notified as a member of the JCC: named for that reason only, never as the hidden records' owner.
    assert.deepEqual(
      body.notifications.map((n: { org: string; reasons: string[] }) => [n.org, n.reasons]),
      [['isf', ['jcc']]],
    );
  }
  const texts = [
    notified.text,
    read.text,
    preview.text,
    list.text,
    geojson.text,
    csv.text,
    JSON.stringify(stream.events),
  ];
  for (const text of texts) {
    for (const secretText of [secret.body.id, hiddenCheckpoint, 'Secret Unit Falcon', 'Hidden CP Lion', '44.452']) {
      assert.ok(!text.includes(secretText), `"${secretText}" leaked: ${text.slice(0, 300)}`);
    }
  }
  assert.equal(list.body.items.length, 1, 'the viewer lists the Peshmerga patrol only');
  assert.equal((await server.request('GET', `/api/v1/activities/${secret.body.id}`, { cookie: pesh })).status, 404);

  // ISF, which owns both hidden records, sees the conflicts whole and is notified to acknowledge.
  const isfRead = await server.request('GET', `/api/v1/activities/${planned.body.id}`, { cookie: isf });
  assert.deepEqual(
    isfRead.body.conflicts.map((c: { record_id: string }) => c.record_id).sort(),
    [secret.body.id, hiddenCheckpoint].sort(),
  );
  assert.deepEqual(isfRead.body.notifications[0].reasons, ['conflict', 'jcc']);
  // The coalition, outside the JCC, sees nothing of the partners-only patrol.
  const coalition = await server.signIn('coalition-liaison');
  assert.equal(
    (await server.request('GET', `/api/v1/activities/${planned.body.id}`, { cookie: coalition })).status,
    404,
  );
});

test('a tearline releases a notice of an activity: when, which JCC, the kind and a coarse place, never the unit or area', async (t) => {
  const { store } = await createFixture(t, { roles: ['liaison'], now: () => activityNow });
  const server = await startServer(t, store);
  const isf = await server.signIn('isf-liaison');
  const coalition = await server.signIn('coalition-liaison');
  const planned = await server.request('POST', '/api/v1/activities', {
    cookie: isf,
    json: patrolPlan({
      unit: 'Unit Tiger',
      releasability: 'partners',
      tearline: { releasability: 'coalition', summary: 'ISF patrol west of Kirkuk' },
    }),
  });
  assert.equal(planned.status, 201, planned.text);
  const notice = await server.request('GET', `/api/v1/activities/${planned.body.id}`, { cookie: coalition });
  assert.equal(notice.status, 200, notice.text);
  assert.equal(notice.body.notice, true);
  assert.equal(notice.body.kind, 'patrol');
  assert.equal(notice.body.summary, 'ISF patrol west of Kirkuk');
  assert.ok(!notice.text.includes('Unit Tiger') && !notice.text.includes('isf') && !notice.text.includes('44.3'));
  const exported = await server.request('GET', '/api/v1/activities/export?format=geojson', { cookie: coalition });
  assert.deepEqual(exported.body.features ?? JSON.parse(exported.text).features, [], 'a notice is never exported');
});
