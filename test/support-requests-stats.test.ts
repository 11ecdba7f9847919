import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRoles, manualClock, requestBody } from './factories/support-request.ts';
import { createFixture, startServer } from './harness/fixture.ts';

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
