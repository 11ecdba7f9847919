// Planned coverage over the API and the CLI: a planned checkpoint on a corridor's narrowest point
// closes it; drafts and what the reader may not see count for nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { openStore } from '../src/store/store.ts';
import { startServer } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const password = 'demo-test-password-1';
const asOf = '2026-11-20T00:00:00.000Z';
const from = '2026-11-21T00:00:00.000Z';

interface Corridor {
  id: string;
  gap_id: string;
  narrowest_width_km: number | null;
  narrowest_at: [number, number];
  stays_open: boolean;
}

test('planned coverage: how much of the gap the planned activities close, for each reader', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'seam.db'), { now: () => new Date(asOf) });
  t.after(() => store.close());
  // The demo's ground without its week of coordination: the only plans are the ones made here.
  await loadDemo(store, { ...buildDemoScenario({ seed: 1, asOf }), coordination: { steps: [] } }, () => password);
  const s = await startServer(t, store);
  const isf = await s.signIn('isf-liaison', password);
  const peshmerga = await s.signIn('peshmerga-liaison', password);
  const forecast = async (cookie: string, days = 7) => {
    const r = await s.request('GET', `/api/v1/gaps/forecast?from=${from}&days=${days}`, { cookie });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };

  const before = await forecast(isf);
  assert.equal(before.planned_activities.length, 0, 'nothing is planned in this week yet');
  assert.equal(before.closes_km2, 0);
  assert.ok(before.corridors.length >= 1, 'the demo has corridors');
  assert.ok(before.corridors.every((c: Corridor) => c.stays_open));

  // A checkpoint set up for two days on the narrowest point of the narrowest corridor, wide enough to span it.
  const target: Corridor = before.corridors
    .filter((c: Corridor) => c.narrowest_width_km !== null)
    .sort((a: Corridor, b: Corridor) => (a.narrowest_width_km ?? 0) - (b.narrowest_width_km ?? 0))[0];
  const radius = Math.min(50, (target.narrowest_width_km ?? 0) + 2);
  const plan = (releasability: string, unit: string) => ({
    kind: 'checkpoint_setup',
    unit,
    area: { shape: 'point', at: target.narrowest_at, radius_km: radius },
    start: '2026-11-22T06:00:00Z',
    end: '2026-11-23T18:00:00Z',
    releasability,
  });
  const post = async (body: unknown) => {
    const r = await s.request('POST', '/api/v1/activities', { cookie: isf, json: body });
    assert.equal(r.status, 201, r.text);
    return r.body.id as string;
  };

  // A draft is not a plan anyone was told of: it closes nothing.
  const draft = await post(plan('coalition', 'Draft checkpoint'));
  assert.equal((await forecast(isf)).planned_activities.length, 0);

  // Sent, it counts for ISF; kept to ISF alone, Peshmerga's forecast does not know it.
  const sent = await s.request('POST', `/api/v1/activities/${draft}/notify`, { cookie: isf, json: {} });
  assert.equal(sent.status, 200, sent.text);
  const isfOnly = await post(plan('org', 'ISF-only checkpoint'));
  assert.equal(
    (await s.request('POST', `/api/v1/activities/${isfOnly}/notify`, { cookie: isf, json: {} })).status,
    200,
  );

  const after = await forecast(isf);
  assert.deepEqual(after.planned_activities.map((a: { id: string }) => a.id).sort(), [draft, isfOnly].sort());
  assert.ok(after.closes_km2 > 0, 'the planned checkpoints close part of the gap');
  assert.ok(after.planned.uncovered_km2 < after.standing.uncovered_km2);
  assert.equal(after.standing.uncovered_km2, before.standing.uncovered_km2, 'the standing gap is the same');
  const closed = after.corridors.find((c: Corridor) => c.id === target.id);
  assert.equal(closed.stays_open, false, `the corridor under the checkpoint closes: ${JSON.stringify(closed)}`);

  const partner = await forecast(peshmerga);
  assert.deepEqual(
    partner.planned_activities.map((a: { id: string }) => a.id),
    [draft],
    'Peshmerga counts the plan released to the coalition, never the ISF-only one',
  );

  // Outside the window, nothing is planned.
  const later = await s.request('GET', '/api/v1/gaps/forecast?from=2026-12-01T00:00:00Z&days=3', { cookie: isf });
  assert.equal(later.body.planned_activities.length, 0);

  for (const [query, field] of [
    ['days=0', 'days'],
    ['days=32', 'days'],
    ['from=yesterday', 'from'],
    ['to=2026-11-30T00:00:00Z', 'to'],
  ]) {
    const r = await s.request('GET', `/api/v1/gaps/forecast?${query}`, { cookie: isf });
    assert.equal(r.status, 400, `${query}: ${r.text}`);
    assert.ok(r.text.includes(field), `${query} names ${field}: ${r.text}`);
  }

  // The CLI, in a process of its own on the same database, gives the same figures for the same reader.
  const cli = await runSeam(['gaps', '--user', 'isf-liaison', '--forecast', '7', '--from', from, '--json'], {
    dataDir: dir,
  });
  assert.equal(cli.code, 0, cli.stderr);
  const printed = JSON.parse(cli.stdout);
  assert.equal(printed.closes_km2, after.closes_km2);
  assert.deepEqual(printed.corridors, after.corridors);
  const text = await runSeam(['gaps', '--user', 'isf-liaison', '--forecast', '7', '--from', from], { dataDir: dir });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /closes\s+[\d,.]+ km²/);
  assert.match(text.stdout, /closed/);
  const bad = await runSeam(['gaps', '--user', 'isf-liaison', '--forecast', '7', '--to', from], { dataDir: dir });
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--to does not apply to a forecast/);
});
