import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPresence, checkpoint } from './harness/alerts.ts';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';

test('seam alert: rules, catch-up, list and read marks, as the API does them', async (t) => {
  const { store, dir } = await createFixture(t, { roles: ['reporter', 'analyst', 'viewer'] });
  await addPresence(store, checkpoint('pesh-1', 'peshmerga', [44.4, 35.5]));
  store.close();
  const seam = (...args: string[]) => runSeam(['alert', ...args], { dataDir: dir });

  const help = await runSeam(['alert', '--help']);
  assertExit(help, 0);
  for (const word of ['rule-add', 'incident_near', 'incident_in_corridor', 'catch-up', '--unread'])
    assert.ok(help.stdout.includes(word), `help mentions ${word}`);

  assertExit(
    await seam('rule-add', '--user', 'peshmerga-analyst', '--name', 'x', '--kind', 'incident_near'),
    1,
    /radius_km/,
  );
  assertExit(
    await seam('rule-add', '--user', 'peshmerga-viewer', '--name', 'x', '--kind', 'incident_near', '--radius-km', '5'),
    1,
    /roles/,
  );
  assertExit(await seam('frobnicate'), 2, /unknown alert command/);
  const added = await seam(
    'rule-add',
    '--user',
    'peshmerga-analyst',
    '--name',
    'Near',
    '--kind',
    'incident_near',
    '--radius-km',
    '5',
    '--json',
  );
  assertExit(added, 0);
  const [rule] = jsonLines(added);
  assert.equal(rule.radius_km, 5);
  const rules = await seam('rules', '--user', 'peshmerga-viewer');
  assertExit(rules, 0);
  assert.match(rules.stdout, new RegExp(`${rule.id}\\s+Near\\s+incident_near\\s+5\\s+all\\s+yes`));

  // An incident reported while no server runs is alerted when the engine catches up.
  const incident = await runSeam(
    [
      'incident',
      'add',
      '--user',
      'isf-reporter',
      '--type',
      'ied',
      '--time',
      '2026-03-01T06:00:00Z',
      '--lon',
      '44.4',
      '--lat',
      '35.53',
    ],
    { dataDir: dir },
  );
  assertExit(incident, 0);
  const incidentId = incident.stdout.split('\n')[0];
  assertExit(await seam('catch-up'), 0);
  const listed = await seam('list', '--user', 'peshmerga-viewer', '--json');
  assertExit(listed, 0);
  const [alert, ...others] = jsonLines(listed);
  assert.equal(others.length, 0);
  assert.equal(alert.subject.id, incidentId);
  assert.equal(alert.read, false);
  assert.deepEqual(jsonLines(await seam('list', '--user', 'isf-viewer', '--json')), []);
  assertExit(await seam('catch-up'), 0);
  assert.equal(
    jsonLines(await seam('list', '--user', 'peshmerga-viewer', '--json')).length,
    1,
    'caught up once: no alert twice',
  );

  assertExit(await seam('read', '--user', 'isf-viewer', alert.id), 1, /no alert/);
  assertExit(await seam('read', '--user', 'peshmerga-viewer', alert.id), 0);
  const text = await seam('list', '--user', 'peshmerga-viewer');
  assert.match(text.stdout, /read\s+IED \/ landmine 2\.3 km from Checkpoint pesh-1/);
  assert.equal(jsonLines(await seam('list', '--user', 'peshmerga-viewer', '--unread', '--json')).length, 0);
  assert.equal(jsonLines(await seam('list', '--user', 'peshmerga-analyst', '--unread', '--json')).length, 1);
  const all = await seam('read', '--user', 'peshmerga-analyst', '--all');
  assert.match(all.stdout, /marked 1 alerts read/);
  assertExit(await seam('rule-remove', '--user', 'peshmerga-analyst', rule.id), 0);
  assertExit(await seam('rules', '--user', 'peshmerga-analyst', '--json'), 0);
  assert.deepEqual(jsonLines(await seam('rules', '--user', 'peshmerga-analyst', '--json')), []);
});
