import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';

test('seam sitrep: help, draft, edit, show, release, list and the report in a format, through the same service as the API', async (t) => {
  const { dir } = await createFixture(t);
  const seam = (...args: string[]) => runSeam(['sitrep', ...args], { dataDir: dir });

  const help = await seam('--help');
  assertExit(help, 0);
  for (const word of ['draft --user USERNAME --jcc JCC', 'release ID', '--format html|md|pdf', '--lang', 'schedule'])
    assert.ok(help.stdout.includes(word), `help mentions ${word}`);

  assertExit(await seam('draft', '--user', 'isf-viewer', '--jcc', 'k1'), 1, /needs one of the roles: analyst, admin/);
  assertExit(await seam('draft', '--user', 'isf-analyst', '--jcc', 'k1', '--audience', 'all'), 1, /audience/);

  const drafted = await seam('draft', '--user', 'isf-analyst', '--jcc', 'k1', '--json');
  assertExit(drafted, 0);
  const [s] = jsonLines(drafted);
  assert.equal(s.state, 'draft');
  assert.equal(s.audience, 'partners');
  assert.equal(s.number, 1);
  assert.ok(s.content.incidents);

  const edited = await seam(
    'edit',
    s.id,
    '--user',
    'isf-analyst',
    '--assessment',
    'Quiet day.',
    '--intentions',
    'Patrol.',
  );
  assertExit(edited, 0);
  assert.match(edited.stdout, /version 2/);
  assertExit(await seam('show', s.id, '--user', 'peshmerga-analyst'), 1, /no SITREP/);

  const released = await seam('release', s.id, '--user', 'isf-analyst', '--json');
  assertExit(released, 0);
  assert.equal(jsonLines(released)[0].state, 'released');
  assertExit(await seam('edit', s.id, '--user', 'isf-analyst', '--assessment', 'late'), 1, /released and frozen/);

  const list = await seam('list', '--user', 'peshmerga-viewer', '--jcc', 'k1');
  assertExit(list, 0);
  assert.ok(list.stdout.includes(s.id), 'released to the partners');

  const md = await seam('show', s.id, '--user', 'peshmerga-viewer', '--format', 'md', '--lang', 'ar');
  assertExit(md, 0);
  assert.ok(md.stdout.includes('Quiet day.'));
  assert.match(md.stdout, /[\u0600-\u06ff]/, 'Arabic text');

  const out = join(dir, 'sitrep.pdf');
  const pdf = await seam('show', s.id, '--user', 'peshmerga-viewer', '--format', 'pdf', '--lang', 'ckb', '--out', out);
  assertExit(pdf, 0);
  assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
  assertExit(await seam('show', s.id, '--user', 'peshmerga-viewer', '--format', 'pdf'), 2, /--out/);

  const schedule = await seam('schedule', '--jcc', 'k1', '--time', '05:30', '--drafts', 'peshmerga:org');
  assertExit(schedule, 0);
  assert.equal(schedule.stdout.trim(), 'JCC k1: daily at 05:30 UTC; peshmerga drafts org');
  const due = await seam('draft-due');
  assertExit(due, 0);
  assert.match(due.stderr, /1 scheduled report\(s\) drafted/);
  assert.match((await seam('draft-due')).stderr, /0 scheduled report\(s\) drafted/);
});
