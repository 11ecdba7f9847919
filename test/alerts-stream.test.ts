import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from '../src/store/ids.ts';
import { addPresence, checkpoint } from './harness/alerts.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse, type SseClient } from './harness/sse.ts';

const near = { lon: 44.4, lat: 35.53 };

test('a new alert reaches, on the live stream, exactly the users allowed, as the REST API presents it to them', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'analyst', 'viewer'] });
  await addPresence(store, checkpoint('pesh-1', 'peshmerga', [44.4, 35.5]));
  const s = await startServer(t, store);
  const isfReporter = await s.signIn('isf-reporter');
  const rule = await s.request('POST', '/api/v1/alert-rules', {
    cookie: await s.signIn('peshmerga-analyst'),
    json: { name: 'Near our checkpoints', kind: 'incident_near', radius_km: 5 },
  });
  assert.equal(rule.status, 201, rule.text);

  const readers = [
    'peshmerga-viewer',
    'peshmerga-analyst',
    'isf-viewer',
    'isf-analyst',
    'coalition-viewer',
    'other-viewer',
  ];
  const cookies: Record<string, string> = {};
  const streams: Record<string, SseClient> = {};
  for (const u of readers) {
    cookies[u] = await s.signIn(u);
    streams[u] = await openSse(`${s.url}/api/v1/stream`, { cookie: cookies[u] });
    assert.equal(streams[u].status, 200);
  }
  t.after(() => {
    for (const c of Object.values(streams)) c.close();
  });

  const report = async (body: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/v1/incidents', {
      cookie: isfReporter,
      json: { type: 'ied', time: '2026-03-01T06:00:00Z', ...near, ...body },
    });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const shared = await report({ narrative: 'shared with partners' });
  const tearlineOnly = await report({
    releasability: 'org',
    narrative: 'SECRET-NARRATIVE',
    tearline: { releasability: 'partners', summary: 'IED reported near Kirkuk' },
  });
  const hidden = await report({ releasability: 'org', narrative: 'SECRET-HIDDEN' });

  const alertsOn = (u: string) => streams[u].events.filter((e) => e.event === 'alert');
  await streams['peshmerga-viewer'].until(() => alertsOn('peshmerga-viewer').length >= 2);
  // A later change every reader hears of: once it arrives, each stream has had its chance at the alerts.
  await store.write(null, (tx) =>
    tx.organisations.insert({ id: newId(), code: 'zz-end', name: 'zz-end', createdAt: tx.at }),
  );
  for (const u of readers) {
    await streams[u].until((ev) => ev.some((e) => e.event === 'organisation' && e.data.record.code === 'zz-end'));
  }

  for (const u of ['peshmerga-viewer', 'peshmerga-analyst']) {
    const alerts = alertsOn(u);
    assert.deepEqual(
      alerts.map((e) => [e.data.record.subject.id, e.data.record.subject.view]),
      [
        [shared.id, 'record'],
        [tearlineOnly.id, 'tearline'],
      ],
      `${u} hears of both alerts, the second as a tearline, and never of the hidden incident ${hidden.id}`,
    );
    for (const e of alerts) {
      const rest = await s.request('GET', `/api/v1/alerts/${e.data.record.id}`, { cookie: cookies[u] });
      assert.deepEqual(e.data.record, rest.body, 'the stream presents the alert as the REST API does');
    }
    const text = JSON.stringify(alerts);
    assert.ok(!text.includes('SECRET'), 'no hidden field of the ISF-only incidents');
    assert.equal(alerts[1].data.record.match, null);
  }
  for (const u of ['isf-viewer', 'isf-analyst', 'coalition-viewer', 'other-viewer']) {
    assert.deepEqual(alertsOn(u), [], `${u} hears of no alert of Peshmerga`);
  }
});
