import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { iraqBoundaryFile, needsFullIraqData } from './harness/iraq-data.ts';
import { type RunResult, runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

function assertExit(r: RunResult, code: number, stderr?: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  if (stderr) assert.match(r.stderr, stderr);
  if (code !== 0) assert.equal(r.stderr.trim().split('\n').length, 1, `one line of reason: ${r.stderr}`);
}

async function migrated(t: TestContext): Promise<string> {
  const dir = tempDir(t);
  assertExit(await runSeam(['migrate'], { dataDir: dir }), 0);
  return dir;
}

const importArgs = (level: 1 | 2 | 3, file = iraqBoundaryFile(level)) => [
  'boundaries',
  'import',
  file,
  '--level',
  String(level),
];

test('boundaries import, list and at, end to end', { skip: needsFullIraqData }, async (t) => {
  const dir = await migrated(t);
  const first = await runSeam(importArgs(1), { dataDir: dir });
  assertExit(first, 0);
  assert.equal(
    first.stdout,
    'imported 18 governorate boundaries (level 1), replaced 0\nre-enriched incidents: 0 of 0 changed\n',
  );
  assert.equal(first.stderr, '', 'no progress bar when stderr is not a terminal');
  const second = await runSeam([...importArgs(2), '--json'], { dataDir: dir });
  assertExit(second, 0);
  assert.deepEqual(JSON.parse(second.stdout), { level: 2, imported: 101, replaced: 0, incidents_changed: 0 });

  const list = await runSeam(['boundaries', 'list', '--level', '1', '--json'], { dataDir: dir });
  assertExit(list, 0);
  const governorates = JSON.parse(list.stdout) as { name: string; pcode: string }[];
  assert.equal(governorates.length, 18);
  assert.ok(governorates.some((g) => g.name === 'Kirkuk' && g.pcode === 'IQG13'));
  const table = await runSeam(['boundaries', 'list'], { dataDir: dir });
  assertExit(table, 0);
  assert.equal(table.stdout.trim().split('\n').length, 2 + 18 + 101);

  const kirkuk = await runSeam(['boundaries', 'at', '44.39', '35.47', '--json'], { dataDir: dir });
  assertExit(kirkuk, 0);
  const at = JSON.parse(kirkuk.stdout);
  assert.equal(at.governorate.name, 'Kirkuk');
  assert.equal(at.district.pcode, 'IQG13Q04');
  assert.equal(at.subdistrict, null);

  const text = await runSeam(['boundaries', 'at', '38SME', '44656', '25337'], { dataDir: dir });
  assertExit(text, 0);
  assert.match(text.stdout, /MGRS 38SME4465625337/);
  assert.match(text.stdout, /governorate\s+Kirkuk \(IQG13\)/);

  const outside = await runSeam(['boundaries', 'at', '-73.9', '40.7', '--json'], { dataDir: dir });
  assertExit(outside, 0);
  assert.deepEqual(JSON.parse(outside.stdout), {
    lon: -73.9,
    lat: 40.7,
    governorate: null,
    district: null,
    subdistrict: null,
  });

  const again = await runSeam(importArgs(1), { dataDir: dir });
  assertExit(again, 0);
  assert.match(again.stdout, /imported 18 .* replaced 18/);
});

test('a broken file is refused (exit 1) naming the feature, and nothing changes', {
  skip: needsFullIraqData,
}, async (t) => {
  const dir = await migrated(t);
  assertExit(await runSeam(importArgs(1), { dataDir: dir }), 0);
  const before = (await runSeam(['boundaries', 'list', '--json'], { dataDir: dir })).stdout;
  const doc = JSON.parse(readFileSync(iraqBoundaryFile(1), 'utf8'));
  doc.features[3].geometry.coordinates[0].pop();
  const broken = join(tempDir(t), 'broken.geojson');
  writeFileSync(broken, JSON.stringify(doc));
  const r = await runSeam(importArgs(1, broken), { dataDir: dir });
  assertExit(
    r,
    1,
    new RegExp(
      `^seam boundaries: boundary file refused, nothing imported \\(1 problem\\): feature 3 \\(${doc.features[3].properties.ADM1_PCODE}\\): ring 0 is not closed`,
    ),
  );
  assert.equal((await runSeam(['boundaries', 'list', '--json'], { dataDir: dir })).stdout, before);
});

test('usage mistakes exit 2; an invalid MGRS reference exits 1 with its reason', {
  skip: needsFullIraqData,
}, async (t) => {
  const dir = await migrated(t);
  const runs = await Promise.all(
    [
      ['boundaries'],
      ['boundaries', 'frob'],
      ['boundaries', 'import', iraqBoundaryFile(1)],
      ['boundaries', 'import', iraqBoundaryFile(1), '--level', '4'],
      ['boundaries', 'import', '--level', '1'],
      ['boundaries', 'list', '--level', 'x'],
      ['boundaries', 'at', '44.39'],
      ['boundaries', 'at'],
    ].map((args) => runSeam(args, { dataDir: dir })),
  );
  for (const r of runs) assertExit(r, 2, /^seam boundaries: /);
  assertExit(
    await runSeam(['boundaries', 'at', '38SMD123'], { dataDir: dir }),
    1,
    /^seam boundaries: mgrs: odd number of digits/,
  );
  const help = await runSeam(['boundaries', '--help']);
  assertExit(help, 0);
  assert.match(help.stdout, /^Usage:\n {2}seam boundaries import FILE --level 1\|2\|3/);
});
