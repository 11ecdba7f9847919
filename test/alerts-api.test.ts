import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPresence, checkpoint, eventually } from './harness/alerts.ts';
import { createFixture, startServer, type TestServer } from './harness/fixture.ts';

// Peshmerga's checkpoint inside JCC K1's AOR (isf, peshmerga); ISF's far to the north, outside it.
const peshmergaCheckpoint: [number, number] = [44.4, 35.5];
const isfCheckpoint: [number, number] = [44.0, 36.6];
// 0.03° of latitude north of the checkpoint: 3.34 km from it, 2.34 km beyond its 1 km circle.
const near = { lon: 44.4, lat: 35.53 };
const far = { lon: 44.4, lat: 35.7 };

async function site(t: Parameters<typeof createFixture>[0]) {
  const { store } = await createFixture(t, { roles: ['reporter', 'analyst', 'viewer'] });
  await addPresence(
    store,
    checkpoint('pesh-1', 'peshmerga', peshmergaCheckpoint),
    checkpoint('isf-1', 'isf', isfCheckpoint),
  );
  const s = await startServer(t, store);
  const as = Object.fromEntries(
    await Promise.all(
      [
        'isf-reporter',
        'isf-analyst',
        'isf-viewer',
        'peshmerga-analyst',
        'peshmerga-viewer',
        'coalition-viewer',
        'other-viewer',
      ].map(async (u) => [u, await s.signIn(u)] as const),
    ),
  );
  return { store, s, as };
}

async function addRule(s: TestServer, cookie: string, body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/v1/alert-rules', { cookie, json: body });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function report(s: TestServer, cookie: string, body: Record<string, unknown>) {
  const r = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'ied', time: '2026-03-01T06:00:00Z', narrative: 'routine report', ...body },
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function alertsOf(s: TestServer, cookie: string, query = '') {
  const r = await s.request('GET', `/api/v1/alerts${query}`, { cookie });
  assert.equal(r.status, 200, r.text);
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies as untyped JSON
  return r.body.items as Array<Record<string, any>>;
}

/** Waits until the reader's alerts include one about this incident, and returns it. */
function alertAbout(s: TestServer, cookie: string, incidentId: string) {
  return eventually(
    async () => (await alertsOf(s, cookie)).find((a) => a.subject.id === incidentId),
    `an alert about ${incidentId}`,
  );
}

test('an incident within N km of Peshmerga’s checkpoint raises an alert for Peshmerga and not for others', async (t) => {
  const { s, as } = await site(t);
  const rule = await addRule(s, as['peshmerga-analyst'], {
    name: 'Near our checkpoints',
    kind: 'incident_near',
    radius_km: 5,
  });
  assert.equal(rule.org, 'peshmerga');
  assert.deepEqual(rule.presence_kinds, ['checkpoint', 'patrol', 'unit_aor']);
  await addRule(s, as['isf-analyst'], { name: 'ISF north', kind: 'incident_near', radius_km: 5 });

  const outOfRange = await report(s, as['isf-reporter'], far);
  const incident = await report(s, as['isf-reporter'], near);
  const alert = await alertAbout(s, as['peshmerga-viewer'], incident.id);
  assert.equal(alert.recipient_org, 'peshmerga');
  assert.deepEqual(alert.rule, { id: rule.id, name: 'Near our checkpoints', kind: 'incident_near' });
  assert.equal(alert.subject.view, 'record');
  assert.equal(alert.subject.record.id, incident.id);
  assert.equal(alert.match.presence_id, 'pesh-1');
  assert.ok(Math.abs(alert.match.distance_km - 2.336) < 0.05, `distance beyond the circle: ${alert.match.distance_km}`);
  assert.match(alert.text, /^IED \/ landmine 2\.3 km from Checkpoint pesh-1 on 2026-03-01 \(Near our checkpoints\)$/);
  assert.equal(alert.read, false);

  const mine = await alertsOf(s, as['peshmerga-viewer']);
  assert.deepEqual(
    mine.map((a) => a.subject.id),
    [incident.id],
    'the incident 22 km away raised nothing',
  );
  assert.ok(!mine.some((a) => a.subject.id === outOfRange.id));
  for (const u of ['isf-viewer', 'isf-analyst', 'coalition-viewer', 'other-viewer']) {
    assert.deepEqual(await alertsOf(s, as[u]), [], `${u} has no alert`);
    const one = await s.request('GET', `/api/v1/alerts/${alert.id}`, { cookie: as[u] });
    assert.equal(one.status, 404, `${u} may not read Peshmerga’s alert`);
    const mark = await s.request('POST', `/api/v1/alerts/${alert.id}/read`, { cookie: as[u], json: {} });
    assert.equal(mark.status, 404, `${u} may not mark Peshmerga’s alert`);
  }
  const got = await s.request('GET', `/api/v1/alerts/${alert.id}`, { cookie: as['peshmerga-analyst'] });
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, alert);

  // A correction that moves the incident keeps the one alert: a rule alerts once per record.
  const moved = await s.request('PATCH', `/api/v1/incidents/${incident.id}`, {
    cookie: as['isf-analyst'],
    json: { lon: 44.4, lat: 35.52, version: incident.version },
  });
  assert.equal(moved.status, 200, moved.text);
  const sentinel = await report(s, as['isf-reporter'], { ...near, narrative: 'sentinel' });
  await alertAbout(s, as['peshmerga-viewer'], sentinel.id);
  assert.equal((await alertsOf(s, as['peshmerga-viewer'])).filter((a) => a.subject.id === incident.id).length, 1);
});

test('an ISF-only incident near a Peshmerga checkpoint gives Peshmerga its tearline or nothing, never its hidden fields', async (t) => {
  const { s, as } = await site(t);
  await addRule(s, as['peshmerga-analyst'], { name: 'Near our checkpoints', kind: 'incident_near', radius_km: 5 });
  const hidden = await report(s, as['isf-reporter'], {
    ...near,
    releasability: 'org',
    narrative: 'SECRET-NO-TEARLINE source in the village',
  });
  const withTearline = await report(s, as['isf-reporter'], {
    ...near,
    releasability: 'org',
    narrative: 'SECRET-NARRATIVE informant name',
    grading: 'B2',
    tearline: { releasability: 'partners', summary: 'IED reported near Kirkuk' },
  });
  const alert = await alertAbout(s, as['peshmerga-viewer'], withTearline.id);
  assert.equal(alert.subject.view, 'tearline');
  assert.equal(alert.subject.record.tearline, true);
  assert.equal(alert.subject.record.summary, 'IED reported near Kirkuk');
  assert.equal(alert.match, null, 'which checkpoint and how near would place it better than the tearline');
  assert.match(alert.text, /^IED \/ landmine reported on 2026-03-01/);
  const text = JSON.stringify(alert);
  for (const secret of ['SECRET-NARRATIVE', 'informant', 'B2', 'pesh-1', '35.53', 'narrative', 'grading']) {
    assert.ok(!text.includes(secret), `the alert does not carry ${secret}: ${text}`);
  }
  const list = await alertsOf(s, as['peshmerga-viewer']);
  assert.ok(!list.some((a) => a.subject.id === hidden.id), 'an incident Peshmerga may not see at all raises nothing');
  assert.ok(!JSON.stringify(list).includes('SECRET'));

  // ISF narrows the tearline to itself: the alert is no longer shown, on any read.
  const narrowed = await s.request('POST', `/api/v1/incidents/${withTearline.id}/releasability`, {
    cookie: as['isf-analyst'],
    json: { releasability: 'org', tearline: null },
  });
  assert.equal(narrowed.status, 200, narrowed.text);
  assert.deepEqual(await alertsOf(s, as['peshmerga-viewer']), []);
  assert.equal((await s.request('GET', `/api/v1/alerts/${alert.id}`, { cookie: as['peshmerga-viewer'] })).status, 404);
  const count = await s.request('GET', '/api/v1/alerts/unread-count', { cookie: as['peshmerga-viewer'] });
  assert.deepEqual(count.body, { unread: 0, capped: false });
});

test('read and unread are per user; unread come first; read-all marks only what the user may see', async (t) => {
  const { s, as } = await site(t);
  await addRule(s, as['peshmerga-analyst'], { name: 'Near', kind: 'incident_near', radius_km: 5 });
  const first = await report(s, as['isf-reporter'], near);
  const second = await report(s, as['isf-reporter'], { ...near, time: '2026-03-02T06:00:00Z' });
  const a1 = await alertAbout(s, as['peshmerga-viewer'], first.id);
  const a2 = await alertAbout(s, as['peshmerga-viewer'], second.id);
  const count = async (u: string) =>
    (await s.request('GET', '/api/v1/alerts/unread-count', { cookie: as[u] })).body.unread as number;
  assert.equal(await count('peshmerga-viewer'), 2);

  const marked = await s.request('POST', `/api/v1/alerts/${a2.id}/read`, { cookie: as['peshmerga-viewer'], json: {} });
  assert.equal(marked.status, 200);
  assert.equal(marked.body.read, true);
  assert.ok(marked.body.read_at);
  assert.equal(await count('peshmerga-viewer'), 1);
  assert.equal(await count('peshmerga-analyst'), 2, 'another user of the organisation keeps it unread');
  assert.deepEqual(
    (await alertsOf(s, as['peshmerga-viewer'])).map((a) => [a.id, a.read]),
    [
      [a1.id, false],
      [a2.id, true],
    ],
    'unread first',
  );
  assert.deepEqual(
    (await alertsOf(s, as['peshmerga-viewer'], '?unread=true')).map((a) => a.id),
    [a1.id],
  );
  const page = await s.request('GET', '/api/v1/alerts?limit=1', { cookie: as['peshmerga-analyst'] });
  assert.equal(page.body.items.length, 1);
  const rest = await s.request('GET', `/api/v1/alerts?limit=1&cursor=${page.body.next}`, {
    cookie: as['peshmerga-analyst'],
  });
  assert.deepEqual(
    [page.body.items[0].id, rest.body.items[0].id],
    [a2.id, a1.id],
    'pages resume where the last ended, newest first',
  );
  assert.equal(rest.body.next, null);

  const all = await s.request('POST', '/api/v1/alerts/read-all', { cookie: as['peshmerga-analyst'], json: {} });
  assert.deepEqual(all.body, { marked: 2 });
  assert.equal(await count('peshmerga-analyst'), 0);
  assert.equal(await count('peshmerga-viewer'), 1);
  const again = await s.request('POST', '/api/v1/alerts/read-all', { cookie: as['peshmerga-analyst'], json: {} });
  assert.deepEqual(again.body, { marked: 0 });
});

test('alert rules: only the organisation’s analysts and administrators manage them; bad input is refused by field', async (t) => {
  const { s, as } = await site(t);
  const pesh = as['peshmerga-analyst'];
  const refused = async (body: unknown, field: RegExp) => {
    const r = await s.request('POST', '/api/v1/alert-rules', { cookie: pesh, json: body });
    assert.equal(r.status, 400, r.text);
    assert.match(r.text, field);
  };
  await refused({ name: 'x', kind: 'incident_near' }, /radius_km/);
  await refused({ name: 'x', kind: 'incident_near', radius_km: 500 }, /radius_km/);
  await refused({ name: 'x', kind: 'incident_in_corridor', radius_km: 5 }, /radius_km/);
  await refused({ name: '', kind: 'incident_near', radius_km: 5 }, /name/);
  await refused({ name: 'x', kind: 'incident_far', radius_km: 5 }, /kind/);
  await refused({ name: 'x', kind: 'incident_near', radius_km: 5, incident_types: ['nope'] }, /incident_types/);
  await refused({ name: 'x', kind: 'incident_near', radius_km: 5, extra: 1 }, /extra/);
  assert.deepEqual((await s.request('GET', '/api/v1/alert-rules', { cookie: pesh })).body.items, [], 'nothing written');

  const viewer = await s.request('POST', '/api/v1/alert-rules', {
    cookie: as['peshmerga-viewer'],
    json: { name: 'x', kind: 'incident_near', radius_km: 5 },
  });
  assert.equal(viewer.status, 403);

  const rule = await addRule(s, pesh, {
    name: 'IEDs only',
    kind: 'incident_near',
    radius_km: 3,
    incident_types: ['ied'],
  });
  for (const u of ['isf-analyst', 'coalition-viewer']) {
    assert.equal((await s.request('GET', `/api/v1/alert-rules/${rule.id}`, { cookie: as[u] })).status, 404);
    assert.equal(
      (await s.request('PATCH', `/api/v1/alert-rules/${rule.id}`, { cookie: as[u], json: { name: 'mine' } })).status,
      u === 'isf-analyst' ? 404 : 403,
    );
  }
  const changed = await s.request('PATCH', `/api/v1/alert-rules/${rule.id}`, {
    cookie: pesh,
    json: { radius_km: 6, enabled: false },
  });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.radius_km, 6);
  assert.equal(changed.body.enabled, false);
  assert.equal(changed.body.version, 2);
  const corridor = await addRule(s, pesh, { name: 'Corridors', kind: 'incident_in_corridor' });
  const wrong = await s.request('PATCH', `/api/v1/alert-rules/${corridor.id}`, {
    cookie: pesh,
    json: { radius_km: 2 },
  });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /radius_km/);
  assert.equal((await s.request('DELETE', `/api/v1/alert-rules/${rule.id}`, { cookie: pesh, json: {} })).status, 204);
  assert.deepEqual(
    (await s.request('GET', '/api/v1/alert-rules', { cookie: pesh })).body.items.map((r: { id: string }) => r.id),
    [corridor.id],
  );

  // A disabled or type-filtered rule raises nothing: a sighting near the checkpoint with only an IED rule.
  const ied = await addRule(s, pesh, { name: 'IED', kind: 'incident_near', radius_km: 5, incident_types: ['ied'] });
  const sighting = await report(s, as['isf-reporter'], { ...near, type: 'sighting' });
  const bomb = await report(s, as['isf-reporter'], near);
  const a = await alertAbout(s, as['peshmerga-viewer'], bomb.id);
  assert.equal(a.rule.id, ied.id);
  assert.ok(!(await alertsOf(s, as['peshmerga-viewer'])).some((x) => x.subject.id === sighting.id));

  for (const [query, field] of [
    ['?unread=maybe', /unread/],
    ['?limit=5000', /limit/],
    ['?cursor=not-a-cursor', /cursor/],
    ['?colour=red', /colour/],
  ] as const) {
    const r = await s.request('GET', `/api/v1/alerts${query}`, { cookie: pesh });
    assert.equal(r.status, 400, `${query}: ${r.text}`);
    assert.match(r.text, field);
  }
  assert.equal((await s.request('GET', '/api/v1/alerts/not-an-id', { cookie: pesh })).status, 400);
  assert.equal((await s.request('GET', '/api/v1/alerts')).status, 401);

  const doc = await s.request('GET', '/api/v1/openapi.json');
  for (const path of ['/api/v1/alerts', '/api/v1/alerts/{id}', '/api/v1/alerts/{id}/read', '/api/v1/alert-rules'])
    assert.ok(doc.body.paths[path], `OpenAPI documents ${path}`);
});
