import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceKm } from '../src/geo/distance.ts';
import { activityNow, addCheckpoint, patrolPlan, pointPlan } from './factories/activity.ts';
import { createFixture, startServer } from './harness/fixture.ts';

const roles = ['viewer', 'reporter', 'liaison', 'admin'] as const;

async function site(t: Parameters<typeof createFixture>[0]) {
  const { store } = await createFixture(t, { roles: [...roles], now: () => activityNow });
  const server = await startServer(t, store);
  const isf = await server.signIn('isf-liaison');
  const pesh = await server.signIn('peshmerga-liaison');
  return { store, server, isf, pesh };
}

test('deconfliction of a hand-made case finds the overlaps and not the near-misses just outside separation or margin', async (t) => {
  const { store, server, isf, pesh } = await site(t);
  // The ISF patrol runs along latitude 35.45 with a 0.5 km buffer; Peshmerga checkpoints have a 1 km radius.
  const nearCheckpoint = await addCheckpoint(store, 'peshmerga', 'CP near', [44.4, 35.478], 1);
  const farCheckpoint = await addCheckpoint(store, 'peshmerga', 'CP far', [44.4, 35.4836], 1);
  const ownCheckpoint = await addCheckpoint(store, 'isf', 'CP own', [44.4, 35.451], 1);
  const gap = (lat: number) => distanceKm([44.4, 35.45], [44.4, lat]) - 1.5;
  assert.ok(gap(35.478) < 1.9 && gap(35.4836) > 2.1, `${gap(35.478)} ${gap(35.4836)}`);

  // Peshmerga operations beside the route: 30 minutes after the patrol ends (inside the 60-minute margin) and 90 minutes after (outside).
  const within = await server.request('POST', '/api/v1/activities', {
    cookie: pesh,
    json: pointPlan(44.42, 35.44, '2026-12-10T10:30:00Z', '2026-12-10T12:00:00Z', { unit: 'Within margin' }),
  });
  const outside = await server.request('POST', '/api/v1/activities', {
    cookie: pesh,
    json: pointPlan(44.42, 35.44, '2026-12-10T11:30:00Z', '2026-12-10T13:00:00Z', { unit: 'Outside margin' }),
  });
  assert.equal(within.status, 201, within.text);
  for (const a of [within.body, outside.body]) {
    const r = await server.request('POST', `/api/v1/activities/${a.id}/notify`, { cookie: pesh, json: {} });
    assert.equal(r.status, 200, r.text);
  }
  // A Peshmerga draft is not announced: no conflict with it.
  const draft = await server.request('POST', '/api/v1/activities', {
    cookie: pesh,
    json: pointPlan(44.35, 35.45, '2026-12-10T06:00:00Z', '2026-12-10T10:00:00Z', { unit: 'Draft' }),
  });
  // Incidents: one inside the area two days ago, one there ten days ago, one 3 km off yesterday.
  const reporter = await server.signIn('peshmerga-reporter');
  const report = async (lat: number, time: string) =>
    (
      await server.request('POST', '/api/v1/incidents', {
        cookie: reporter,
        json: { type: 'ied', time, lon: 44.45, lat },
      })
    ).body.id;
  const recent = await report(35.451, '2026-12-06T00:00:00Z');
  const old = await report(35.451, '2026-11-28T00:00:00Z');
  const away = await report(35.477, '2026-12-07T00:00:00Z');

  const preview = await server.request('POST', '/api/v1/activities/deconflict', { cookie: isf, json: patrolPlan() });
  assert.equal(preview.status, 200, preview.text);
  const planned = await server.request('POST', '/api/v1/activities', { cookie: isf, json: patrolPlan() });
  assert.equal(planned.status, 201, planned.text);
  assert.equal(planned.body.state, 'draft');
  assert.deepEqual(planned.body.conflicts, [], 'a draft is not deconflicted until it is sent');
  const sent = await server.request('POST', `/api/v1/activities/${planned.body.id}/notify`, { cookie: isf, json: {} });
  assert.equal(sent.status, 200, sent.text);
  const found = new Map(sent.body.conflicts.map((c: { record_id: string }) => [c.record_id, c]));
  assert.deepEqual(
    [...found.keys()].sort(),
    [nearCheckpoint, within.body.id, recent].sort(),
    `conflicts: ${JSON.stringify(sent.body.conflicts)}`,
  );
  for (const missed of [farCheckpoint, ownCheckpoint, outside.body.id, draft.body.id, old, away])
    assert.ok(!found.has(missed));
  const cp = found.get(nearCheckpoint) as Record<string, unknown>;
  assert.equal(cp.with, 'presence');
  assert.equal(cp.org, 'peshmerga');
  assert.equal(cp.name, 'CP near');
  assert.ok(Math.abs((cp.distance_km as number) - gap(35.478)) < 0.05, `distance ${cp.distance_km}`);
  assert.deepEqual(cp.overlap, { start: '2026-12-10T05:00:00.000Z', end: '2026-12-10T11:00:00.000Z' });
  assert.equal(cp.jcc, 'k1');
  const op = found.get(within.body.id) as Record<string, unknown>;
  assert.deepEqual(op.overlap, { start: '2026-12-10T10:30:00.000Z', end: '2026-12-10T11:00:00.000Z' });
  assert.equal((found.get(recent) as Record<string, unknown>).with, 'incident');
  // The preview found the same conflicts, and wrote nothing.
  assert.deepEqual(
    preview.body.conflicts.map((c: { record_id: string }) => c.record_id).sort(),
    [...found.keys()].sort(),
  );
  assert.equal(sent.body.state, 'notified');
  assert.deepEqual(
    sent.body.notifications.map((n: { org: string; reasons: string[]; status: string }) => [
      n.org,
      n.reasons,
      n.status,
    ]),
    [['peshmerga', ['conflict', 'jcc'], 'pending']],
  );
  // Read back, the conflicts are the stored ones.
  const read = await server.request('GET', `/api/v1/activities/${planned.body.id}`, { cookie: isf });
  assert.deepEqual(read.body.conflicts, sent.body.conflicts);
  assert.ok(sent.body.deconflicted_at);
});

test('a recurring daily patrol conflicts on a later day, and a change after notification deconflicts again', async (t) => {
  const { server, isf, pesh } = await site(t);
  const later = await server.request('POST', '/api/v1/activities', {
    cookie: pesh,
    json: pointPlan(44.4, 35.45, '2026-12-14T07:00:00Z', '2026-12-14T08:00:00Z'),
  });
  await server.request('POST', `/api/v1/activities/${later.body.id}/notify`, { cookie: pesh, json: {} });
  const once = await server.request('POST', '/api/v1/activities', { cookie: isf, json: patrolPlan() });
  const sent = await server.request('POST', `/api/v1/activities/${once.body.id}/notify`, { cookie: isf, json: {} });
  assert.deepEqual(sent.body.conflicts, []);
  const changed = await server.request('PATCH', `/api/v1/activities/${once.body.id}`, {
    cookie: isf,
    json: { version: sent.body.version, recurrence: { until: '2026-12-20' } },
  });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(
    changed.body.conflicts.map((c: { record_id: string; overlap: unknown }) => [c.record_id, c.overlap]),
    [[later.body.id, { start: '2026-12-14T07:00:00.000Z', end: '2026-12-14T08:00:00.000Z' }]],
  );
  assert.equal(changed.body.state, 'notified');
});

test('the API document describes every activity route', async (t) => {
  const { server } = await site(t);
  const r = await server.request('GET', '/api/v1/openapi.json');
  const paths = Object.keys(r.body.paths).filter((p) => p.startsWith('/api/v1/activities'));
  for (const p of ['', '/export', '/deconflict', '/{id}', '/{id}/history', '/{id}/notify', '/{id}/acknowledge']) {
    assert.ok(paths.includes(`/api/v1/activities${p}`), `${p} documented`);
  }
  for (const step of ['concern', 'approve', 'start', 'done', 'cancel'])
    assert.ok(paths.includes(`/api/v1/activities/{id}/${step}`));
  assert.ok(r.body.paths['/api/v1/activities'].post.requestBody.content['application/json'].schema.properties.area);
});

test('a site adds its own activity kinds, and sets the separation and margin deconfliction uses', async (t) => {
  const { store, server, isf, pesh } = await site(t);
  const checkpoint = await addCheckpoint(store, 'peshmerga', 'CP', [44.4, 35.478], 1);
  assert.equal(
    (await server.request('POST', '/api/v1/activities', { cookie: isf, json: patrolPlan({ kind: 'medevac_escort' }) }))
      .status,
    400,
  );
  await store.write(null, async (tx) => {
    await tx.settings.set('activity_kinds_extra', 'medevac_escort, route_clearance');
    await tx.settings.set('deconfliction_separation_km', '1');
  });
  const escort = await server.request('POST', '/api/v1/activities', {
    cookie: isf,
    json: patrolPlan({ kind: 'medevac_escort' }),
  });
  assert.equal(escort.status, 201, escort.text);
  const narrow = await server.request('POST', '/api/v1/activities/deconflict', { cookie: isf, json: patrolPlan() });
  assert.deepEqual(narrow.body.conflicts, [], 'the checkpoint lies 1.6 km off: outside a 1 km separation');
  await store.write(null, (tx) => tx.settings.set('deconfliction_separation_km', '2'));
  const wide = await server.request('POST', '/api/v1/activities/deconflict', { cookie: isf, json: patrolPlan() });
  assert.deepEqual(
    wide.body.conflicts.map((c: { record_id: string }) => c.record_id),
    [checkpoint],
  );
  assert.equal(wide.body.conflicts_omitted, 0);
  // With no margin, a Peshmerga operation starting as the patrol ends no longer conflicts.
  const op = await server.request('POST', '/api/v1/activities', {
    cookie: pesh,
    json: pointPlan(44.42, 35.44, '2026-12-10T10:00:00Z', '2026-12-10T12:00:00Z'),
  });
  await server.request('POST', `/api/v1/activities/${op.body.id}/notify`, { cookie: pesh, json: {} });
  const withMargin = await server.request('POST', '/api/v1/activities/deconflict', { cookie: isf, json: patrolPlan() });
  assert.ok(withMargin.body.conflicts.some((c: { record_id: string }) => c.record_id === op.body.id));
  await store.write(null, (tx) => tx.settings.set('deconfliction_margin_min', '0'));
  const noMargin = await server.request('POST', '/api/v1/activities/deconflict', { cookie: isf, json: patrolPlan() });
  assert.ok(!noMargin.body.conflicts.some((c: { record_id: string }) => c.record_id === op.body.id));
});
