import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRoles, manualClock, medevacLines, requestBody, signInAll } from './factories/support-request.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';

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
