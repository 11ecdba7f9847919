import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { fixtureArchive, fixtureBounds, fixtureZooms, writeFixtureArchive } from './harness/pmtiles-fixture.ts';
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

async function basemapAudit(dir: string): Promise<Array<{ action: string; detail: Record<string, unknown> }>> {
  const r = await runSeam(['audit', 'list', '--action', 'basemap', '--json'], { dataDir: dir });
  assertExit(r, 0);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** What the data directory holds: the database's files and nothing else unless a basemap was loaded. */
const dataFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('seam.db'))
    .sort();

test('a file that is not a PMTiles archive is refused with the reason, and nothing is left behind', async (t) => {
  const dir = await migrated(t);
  const files = tempDir(t);
  const text = join(files, 'notes.pmtiles');
  writeFileSync(text, 'These are not tiles.\n'.repeat(20));
  const r = await runSeam(['basemap', 'import', text], { dataDir: dir });
  assertExit(
    r,
    1,
    /basemap file refused, nothing changed: it is not a PMTiles archive \(it does not begin with "PMTiles"\)/,
  );
  assert.deepEqual(dataFiles(dir), []);
  assert.deepEqual(await basemapAudit(dir), []);

  const missing = await runSeam(['basemap', 'import', join(files, 'absent.pmtiles')], { dataDir: dir });
  assertExit(missing, 1, /cannot read basemap file .*absent\.pmtiles: ENOENT/);
  assertExit(await runSeam(['basemap', 'import'], { dataDir: dir }), 2, /basemap import needs a FILE/);
});

test('a raster, truncated or version 2 PMTiles archive is refused naming what is wrong', async (t) => {
  const dir = await migrated(t);
  const files = tempDir(t);
  const raster = writeFixtureArchive(files, 'raster.pmtiles', { tileType: 2 });
  assertExit(
    await runSeam(['basemap', 'import', raster], { dataDir: dir }),
    1,
    /refused, nothing changed: it holds raster tiles \(PNG\); the basemap must be vector tiles \(MVT\) in the Protomaps basemap schema/,
  );

  const whole = fixtureArchive();
  const truncated = join(files, 'truncated.pmtiles');
  writeFileSync(truncated, whole.subarray(0, whole.length - 500));
  assertExit(
    await runSeam(['basemap', 'import', truncated], { dataDir: dir }),
    1,
    /its tile data \(bytes \d+–\d+\) lies outside the file of \d+ bytes \(truncated\?\)/,
  );

  const version2 = join(files, 'v2.pmtiles');
  const old = Buffer.from(whole);
  old[7] = 2;
  writeFileSync(version2, old);
  assertExit(
    await runSeam(['basemap', 'import', version2], { dataDir: dir }),
    1,
    /it is PMTiles version 2; Seam reads version 3/,
  );

  assert.deepEqual(dataFiles(dir), []);
  assert.deepEqual(await basemapAudit(dir), []);
});

// Fourteen runs of the command: a busy machine needs longer than one test usually gets.
test('basemap import, show and remove, end to end and audited', { timeout: 300_000 }, async (t) => {
  const dir = await migrated(t);
  const files = tempDir(t);
  const source = writeFixtureArchive(files);

  const none = await runSeam(['basemap', 'show'], { dataDir: dir });
  assertExit(none, 0);
  assert.match(none.stdout, /no basemap is loaded/);

  const imported = await runSeam(['basemap', 'import', source, '--json'], { dataDir: dir });
  assertExit(imported, 0);
  const summary = JSON.parse(imported.stdout);
  assert.equal(summary.replaced, false);
  assert.equal(summary.bytes, readFileSync(source).length);
  assert.match(summary.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(dataFiles(dir), ['basemap.pmtiles']);
  assert.ok(readFileSync(join(dir, 'basemap.pmtiles')).equals(readFileSync(source)), 'the copy is the file');

  const shown = await runSeam(['basemap', 'show', '--json'], { dataDir: dir });
  assertExit(shown, 0);
  const s = JSON.parse(shown.stdout);
  assert.deepEqual(
    s.bounds.map((v: number) => Math.round(v * 1e6) / 1e6),
    fixtureBounds,
  );
  assert.equal(s.min_zoom, fixtureZooms.min);
  assert.equal(s.max_zoom, fixtureZooms.max);
  assert.deepEqual(s.vector_layers, ['earth', 'water']);
  assert.equal(s.attribution, 'Protomaps © OpenStreetMap', 'HTML links dropped to plain text');
  assert.equal(s.file, join(dir, 'basemap.pmtiles'));

  const text = await runSeam(['basemap', 'show'], { dataDir: dir });
  assertExit(text, 0);
  assert.match(text.stdout, /zooms\s+0–6/);
  assert.match(text.stdout, /bounds\s+west 41\.0000, south 33\.0000, east 47\.0000, north 38\.0000/);

  const again = await runSeam(['basemap', 'import', source], { dataDir: dir });
  assertExit(again, 0);
  assert.match(again.stdout, /^replaced the basemap with /);
  assert.deepEqual(dataFiles(dir), ['basemap.pmtiles'], 'the previous file is gone, no temporary file is left');

  // A refused file leaves the loaded basemap in place.
  const raster = writeFixtureArchive(files, 'raster.pmtiles', { tileType: 2 });
  assertExit(await runSeam(['basemap', 'import', raster], { dataDir: dir }), 1, /raster tiles/);
  assert.ok(readFileSync(join(dir, 'basemap.pmtiles')).equals(readFileSync(source)));

  const removed = await runSeam(['basemap', 'remove'], { dataDir: dir });
  assertExit(removed, 0);
  assert.match(removed.stdout, /removed the basemap/);
  assert.deepEqual(dataFiles(dir), []);
  assertExit(await runSeam(['basemap', 'remove'], { dataDir: dir }), 1, /no basemap is loaded/);
  const after = await runSeam(['basemap', 'show', '--json'], { dataDir: dir });
  assert.equal(after.stdout.trim(), 'null');

  const audit = await basemapAudit(dir);
  assert.deepEqual(
    audit.map((e) => e.action),
    ['basemap.remove', 'basemap.import', 'basemap.import'],
    'newest first: one entry per change, none for the refused file',
  );
  assert.equal(audit[2].detail.sha256, summary.sha256);
  assert.equal(audit[2].detail.source, 'iraq-north.pmtiles');
  assertExit(await runSeam(['audit', 'verify'], { dataDir: dir }), 0);
});

test('seam serve refuses a tile URL that is not a template of an http(s) tile server', async (t) => {
  const dir = await migrated(t);
  assertExit(
    await runSeam(['serve', '--port', '0', '--tile-url', 'ftp://tiles.example.org/{z}/{x}/{y}.mvt'], { dataDir: dir }),
    2,
    /the tile URL \(--tile-url or SEAM_TILE_URL\) must be an http or https URL/,
  );
  assertExit(
    await runSeam(['serve', '--port', '0'], {
      dataDir: dir,
      env: { SEAM_TILE_URL: 'https://tiles.example.org/{z}/{x}' },
    }),
    2,
    /the tile URL \(--tile-url or SEAM_TILE_URL\) must contain \{y\}/,
  );
});
