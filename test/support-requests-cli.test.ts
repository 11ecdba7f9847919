import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRoles } from './factories/support-request.ts';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';

test('seam request: help, create, steps, list, history, stats, deadlines and sweep, through the same service as the API', async (t) => {
  const { store, dir } = await createFixture(t, { roles: allRoles });
  const s = await startServer(t, store);
  const seam = (...args: string[]) => runSeam(['request', ...args], { dataDir: dir });

  const help = await seam('--help');
  assertExit(help, 0);
  for (const word of ['needs-information', 'decline ID --user USERNAME --reason TEXT', 'stats', 'sweep', 'medevac'])
    assert.ok(help.stdout.includes(word), `help mentions ${word}`);

  const deadlines = await seam('deadlines', '--urgent', '5');
  assertExit(deadlines, 0);
  assert.equal(deadlines.stdout.trim(), 'urgent 5 min, priority 60 min, routine 1440 min');

  const neededAt = new Date(Date.now() + 3_600_000).toISOString();
  const created = await seam(
    'create',
    '--user',
    'isf-reporter',
    '--kind',
    'eod',
    '--to-org',
    'peshmerga',
    '--priority',
    'urgent',
    '--lon',
    '44.39',
    '--lat',
    '35.47',
    '--needed-at',
    neededAt,
    '--details',
    'two devices by the culvert',
    '--json',
  );
  assertExit(created, 0);
  const [r] = jsonLines(created);
  assert.equal(r.state, 'requested');
  assert.equal(Date.parse(r.respond_by) - Date.parse(r.created_at), 5 * 60_000, 'the deadline set above');
  const viaApi = await s.request('GET', `/api/v1/requests/${r.id}`, { cookie: await s.signIn('peshmerga-liaison') });
  assert.equal(viaApi.status, 200);
  assert.equal(viaApi.body.details, 'two devices by the culvert');

  assertExit(await seam('decline', r.id, '--user', 'peshmerga-liaison'), 2, /needs --reason/);
  assertExit(await seam('accept', r.id, '--user', 'isf-reporter'), 1, /step accept: only the addressed organisation/);
  const accepted = await seam('accept', r.id, '--user', 'peshmerga-liaison');
  assertExit(accepted, 0);
  assert.match(accepted.stdout, /accepted/);
  assertExit(await seam('accept', r.id, '--user', 'peshmerga-liaison'), 1, /step accept may not follow state accepted/);
  assertExit(await seam('assign', r.id, '--user', 'peshmerga-liaison', '--unit', 'EOD team 2'), 0);
  assertExit(await seam('show', r.id, '--user', 'other-admin'), 1, /no support request/);

  const list = await seam('list', '--user', 'isf-reporter', '--state', 'assigned', '--json');
  assertExit(list, 0);
  assert.deepEqual(
    jsonLines(list)[0].map((x: { id: string; assigned_unit: string }) => [x.id, x.assigned_unit]),
    [[r.id, 'EOD team 2']],
  );
  assertExit(await seam('list', '--user', 'isf-reporter', '--state', 'lost'), 2, /--state must be one of/);

  const history = await seam('history', r.id, '--user', 'peshmerga-viewer');
  assertExit(history, 0);
  const lines = history.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[2], /peshmerga-liaison {2}update {2}.*state: "accepted" → "assigned"/);

  const stats = await seam('stats', '--user', 'isf-viewer', '--json');
  assertExit(stats, 0);
  assert.deepEqual(
    jsonLines(stats)[0].by_org.map((g: { org: string; requests: number }) => [g.org, g.requests]),
    [['peshmerga', 1]],
  );
  const sweep = await seam('sweep');
  assertExit(sweep, 0);
  assert.match(sweep.stderr, /0 overdue request\(s\) escalated/);
});
