import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { openStore } from '../src/store/store.ts';
import { startServer, testPassword } from './harness/fixture.ts';
import { tempDir } from './harness/temp-dir.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read replies as untyped JSON
type Json = Record<string, any>;

const asOf = '2026-11-23T12:00:00.000Z';

test('the demo’s week of coordination: activities and requests in every state, overdue requests, a hidden conflict, and alerts', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'seam.db'));
  t.after(() => store.close());
  const scenario = buildDemoScenario({ seed: 1, asOf });
  const t0 = performance.now();
  await loadDemo(store, scenario, () => testPassword);
  t.diagnostic(`loadDemo took ${(performance.now() - t0).toFixed(0)} ms`);
  const s = await startServer(t, store);
  const as: Record<string, string> = {};
  for (const org of ['isf', 'peshmerga', 'coalition']) as[org] = await s.signIn(`${org}-liaison`);
  const get = async (cookie: string, path: string): Promise<Json> => {
    const r = await s.request('GET', path, { cookie });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  // Every activity the coalition may see (all but the ISF-only raid), by state.
  const seen: Json[] = (await get(as.coalition, '/api/v1/activities?limit=200')).items;
  const states = new Map<string, number>();
  for (const a of seen) states.set(a.state, (states.get(a.state) ?? 0) + 1);
  for (const state of ['notified', 'acknowledged', 'conflict_raised', 'under_way', 'done'])
    assert.ok((states.get(state) ?? 0) >= 1, `an activity ${state}: ${JSON.stringify([...states])}`);
  const isfOwn: Json[] = (await get(as.isf, '/api/v1/activities?limit=200')).items;
  for (const state of ['draft', 'cancelled'])
    assert.ok(
      isfOwn.some((a) => a.state === state && a.owner_orgs?.includes('isf')),
      `an ISF activity ${state}`,
    );
  assert.ok(seen.length >= 15 && seen.every((a) => a.exercise), 'every activity of the week is marked exercise');
  const joint = seen.find((a) => a.joint);
  assert.deepEqual(joint?.owner_orgs, ['isf', 'peshmerga']);
  assert.equal(joint?.state, 'acknowledged', 'both owners approved, the coalition acknowledged');
  assert.ok(seen.filter((a) => a.recurrence && a.state === 'under_way').length >= 4, 'daily patrols of both forces');
  assert.ok(
    seen.some((a) => a.notifications?.some((n: Json) => n.escalated_at !== null)),
    'an unanswered notification escalated',
  );

  // Peshmerga's convoy conflicts with ISF's raid, released to ISF alone: a conflict tearline.
  const raid = isfOwn.find((a) => a.releasability === 'org');
  assert.ok(raid, 'the ISF-only raid');
  const pesh: Json[] = (await get(as.peshmerga, '/api/v1/activities?limit=200')).items;
  assert.ok(!pesh.some((a) => a.id === raid.id), 'Peshmerga does not see the raid');
  const convoy = pesh.find((a) => a.conflicts?.some((c: Json) => c.hidden));
  assert.ok(convoy, 'a Peshmerga activity with a hidden conflict');
  for (const c of convoy.conflicts.filter((c: Json) => c.hidden))
    assert.deepEqual(Object.keys(c).sort(), ['hidden', 'jcc', 'overlap']);
  assert.ok(!JSON.stringify(pesh).includes(raid.id) && !JSON.stringify(pesh).includes(raid.unit));
  // ISF, notified of the convoy, sees its own raid in it whole.
  const isfView = await get(as.isf, `/api/v1/activities/${convoy.id}`);
  assert.ok(isfView.conflicts.some((c: Json) => !c.hidden && c.record_id === raid.id));

  // Requests in every state; the overdue ones first, escalated by the sweep.
  const requests: Json[] = [];
  for (const org of ['isf', 'peshmerga', 'coalition'])
    for (const r of (await get(as[org], '/api/v1/requests?limit=200')).items)
      if (!requests.some((x) => x.id === r.id)) requests.push(r);
  assert.deepEqual([...new Set(requests.map((r) => r.state))].sort(), [
    'accepted',
    'assigned',
    'cancelled',
    'declined',
    'done',
    'needs_information',
    'requested',
    'under_way',
  ]);
  // Escalated by the week's last sweep, at asOf: still unanswered, so overdue.
  const escalated = requests.filter((r) => r.escalated_at !== null);
  assert.ok(escalated.length >= 2, `${escalated.length} escalated`);
  assert.ok(escalated.every((r) => r.overdue && r.state === 'requested' && r.escalated_at <= asOf));
  assert.ok(requests.some((r) => r.kind === 'medevac' && r.medevac?.call_sign));
  assert.ok(requests.some((r) => r.addressed_jcc !== null));
  assert.ok(requests.every((r) => r.details.startsWith('EXERCISE: ')));

  // Alerts for every organisation, of the coordination kinds, each built from what its reader sees.
  for (const org of ['isf', 'peshmerga', 'coalition']) {
    const alerts: Json[] = (await get(as[org], '/api/v1/alerts?limit=200')).items;
    const kinds = new Set(alerts.map((a) => a.rule.kind));
    for (const kind of ['activity_conflict', 'activity_answer', 'request_overdue'])
      assert.ok(kinds.has(kind), `${org} has a ${kind} alert: ${[...kinds]}`);
    assert.ok(alerts.every((a) => a.recipient_org === org && a.text.length > 0));
    assert.ok(
      alerts.every((a) => a.created_at <= asOf),
      'each alert was raised when its change happened, during the week',
    );
  }
  const peshAlerts: Json[] = (await get(as.peshmerga, '/api/v1/alerts?limit=200')).items;
  assert.ok(!JSON.stringify(peshAlerts).includes(raid.id), 'no alert reveals the raid');
  const isfAlerts: Json[] = (await get(as.isf, '/api/v1/alerts?limit=200')).items;
  assert.ok(
    isfAlerts.some((a) => a.rule.kind === 'incident_near_activity'),
    'an incident beside an ISF patrol',
  );
});
