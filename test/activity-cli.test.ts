import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCheckpoint } from './factories/activity.ts';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';

const plan = (user: string, ...more: string[]) => [
  'activity',
  'plan',
  '--user',
  user,
  '--kind',
  'patrol',
  '--unit',
  '2nd Battalion',
  '--start',
  '2026-12-10T06:00:00Z',
  '--end',
  '2026-12-10T10:00:00Z',
  ...more,
];

test('seam activity plans, previews, notifies, acknowledges and lists through the same commands as the API', async (t) => {
  const { store, dir } = await createFixture(t, { roles: ['viewer', 'liaison'] });
  const checkpoint = await addCheckpoint(store, 'peshmerga', 'CP Altun', [44.4, 35.46], 1);
  const route = ['--route', '44.3,35.45;44.5,35.45', '--buffer', '0.5'];
  const help = await runSeam(['activity', '--help']);
  assertExit(help, 0);
  assert.match(help.stdout, /seam activity plan/);
  assert.match(help.stdout, /--route "LON,LAT;LON,LAT;\.\.\."/);

  const preview = await runSeam([...plan('isf-liaison', ...route), '--preview'], { dataDir: dir });
  assertExit(preview, 0);
  assert.match(
    preview.stdout,
    new RegExp(`conflict with presence ${checkpoint} \\(peshmerga checkpoint "CP Altun"\\)`),
  );
  const planned = jsonLines(await runSeam([...plan('isf-liaison', ...route), '--json'], { dataDir: dir }))[0];
  assert.equal(planned.state, 'draft');
  const sent = await runSeam(['activity', 'notify', '--user', 'isf-liaison', planned.id], { dataDir: dir });
  assertExit(sent, 0);
  assert.match(sent.stdout, /notified/);
  assert.match(sent.stdout, /peshmerga: pending/);
  const ack = await runSeam(['activity', 'ack', '--user', 'peshmerga-liaison', planned.id, '--comment', 'seen'], {
    dataDir: dir,
  });
  assertExit(ack, 0);
  assert.match(ack.stdout, /peshmerga: acknowledged "seen"/);
  const list = await runSeam(['activity', 'list', '--user', 'peshmerga-viewer'], { dataDir: dir });
  assertExit(list, 0);
  assert.match(list.stdout, new RegExp(`${planned.id}\\s+acknowledged\\s+patrol\\s+isf`));

  const bad = await runSeam(plan('isf-liaison', '--point', '44.4,35.4', '--radius', '900'), { dataDir: dir });
  assertExit(bad, 1, /area\.radius_km/);
  const skip = await runSeam(['activity', 'done', '--user', 'isf-liaison', planned.id, '--version', '3'], {
    dataDir: dir,
  });
  assertExit(skip, 1, /state: cannot done an activity that is acknowledged/);
  const viewer = await runSeam(plan('isf-viewer', ...route), { dataDir: dir });
  assertExit(viewer, 1, /roles: liaison, admin/);
  assertExit(await runSeam(['activity', 'plan', '--user', 'isf-liaison'], { dataDir: dir }), 2, /needs --kind/);
});
