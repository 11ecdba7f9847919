// The gazetteer of populated places (`seam places`, GET /api/v1/places), reporting by a town's name, and names of
// organisations and centres in Arabic and Central Kurdish, through the real CLI, server and SQLite file.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { demoGazetteer } from '../src/demo/gazetteer.ts';
import { importPlaces } from '../src/service/places.ts';
import { openStore } from '../src/store/store.ts';
import { startDemoServer } from './harness/demo-server.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { type RunResult, runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

function assertExit(r: RunResult, code: number, stderr?: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  if (stderr) assert.match(r.stderr, stderr);
}

const point = (name: unknown, at: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: at },
  properties: { name, ...extra },
});

function placeFile(t: TestContext, features: unknown[]): string {
  const file = join(tempDir(t), 'places.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

test('seam places import and list: names in three languages, ranks from population, the set replaced', async (t) => {
  const dir = tempDir(t);
  assertExit(await runSeam(['migrate'], { dataDir: dir }), 0);
  const file = placeFile(t, [
    point('Kirkuk', [44.39, 35.47], { name_ar: 'كركوك', name_ckb: 'کەرکووک', population: 1_000_000 }),
    point('Daquq', [44.45, 35.14], { name_ar: 'داقوق', population: 40_000 }),
    point('Gwer', [43.49, 35.98], { rank: 4 }),
  ]);
  const first = await runSeam(['places', 'import', file], { dataDir: dir });
  assertExit(first, 0);
  assert.equal(first.stdout, 'imported 3 places, replaced 0\n');

  const list = await runSeam(['places', 'list', '--json'], { dataDir: dir });
  assertExit(list, 0);
  const places = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(
    places.map((p) => [p.name, p.nameAr, p.nameCkb, p.population, p.rank]),
    [
      ['Kirkuk', 'كركوك', 'کەرکووک', 1_000_000, 1],
      ['Daquq', 'داقوق', null, 40_000, 3],
      ['Gwer', null, null, null, 4],
    ],
  );
  const table = await runSeam(['places', 'list'], { dataDir: dir });
  assert.match(table.stdout, /Kirkuk +كركوك +کەرکووک +44\.3900 +35\.4700 +1,000,000 +1/);

  const again = await runSeam(['places', 'import', placeFile(t, [point('Kifri', [44.96, 34.69])]), '--json'], {
    dataDir: dir,
  });
  assertExit(again, 0);
  assert.deepEqual(JSON.parse(again.stdout), { imported: 1, replaced: 3 });
  const audit = await runSeam(['audit', 'list', '--action', 'places', '--json'], { dataDir: dir });
  assertExit(audit, 0);
  const entries = audit.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; detail: unknown });
  assert.deepEqual(
    entries.map((e) => [e.action, e.detail]),
    [
      ['places.import', { imported: 1, replaced: 3 }],
      ['places.import', { imported: 3, replaced: 0 }],
    ],
  );
  assertExit(await runSeam(['audit', 'verify'], { dataDir: dir }), 0);
});

test('a place file with a bad feature is refused whole, naming the feature and field; nothing changes', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'seam.db'));
  await importPlaces(store, { text: JSON.stringify(demoGazetteer()) });
  const before = await store.places.list();
  store.close();
  const cases: Array<[unknown[], RegExp]> = [
    [[point('Kirkuk', [44.39, 35.47]), point(' ', [44, 35])], /feature 1: properties\.name is empty/],
    [[point('Kirkuk', [44.39, 35.47]), point(undefined, [44, 35])], /feature 1: properties\.name is missing/],
    [[point('Kirkuk', [190, 35.47])], /feature 0 \(Kirkuk\): geometry\.coordinates lon 190 is not within -180\.\.180/],
    [[point('Kirkuk', [44.39, 35.47], { rank: 7 })], /feature 0 \(Kirkuk\): properties\.rank is not 1/],
    [[point('Kirkuk', [44.39, 35.47], { population: -3 })], /properties\.population is not a whole number/],
    [[point('Kirkuk', [44.39, 35.47], { name_ckb: 'ک\u202eە' })], /properties\.name_ckb holds a control/],
    [
      [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { name: 'X' } }],
      /feature 0 \(X\): geometry is not a Point/,
    ],
  ];
  for (const [features, reason] of cases) {
    const r = await runSeam(['places', 'import', placeFile(t, features)], { dataDir: dir });
    assertExit(r, 1, /place file refused, nothing imported/);
    assert.match(r.stderr, reason);
  }
  const notJson = join(tempDir(t), 'x.geojson');
  writeFileSync(notJson, '{"type": "FeatureCollection", ');
  assertExit(await runSeam(['places', 'import', notJson], { dataDir: dir }), 1, /file is not valid JSON/);
  assertExit(await runSeam(['places', 'import'], { dataDir: dir }), 2, /needs a FILE/);
  const after = openStore(join(dir, 'seam.db'));
  t.after(() => after.close());
  assert.deepEqual(await after.places.list(), before);
});

test('GET /api/v1/places: GeoJSON of the gazetteer with an ETag; an incident reported at a town lies there', async (t) => {
  const { server } = await startDemoServer(t);
  const cookie = await server.signIn('isf-reporter');
  const r = await server.request('GET', '/api/v1/places', { cookie });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.type, 'FeatureCollection');
  assert.equal(r.body.features.length, demoGazetteer().features.length);
  const kirkuk = r.body.features.find((f: { properties: { name_en: string } }) => f.properties.name_en === 'Kirkuk');
  assert.deepEqual(kirkuk.geometry, { type: 'Point', coordinates: [44.39, 35.47] });
  assert.deepEqual(Object.keys(kirkuk.properties), ['id', 'name_en', 'name_ar', 'name_ckb', 'population', 'rank']);
  assert.equal(kirkuk.properties.name_ar, 'كركوك');
  assert.equal(kirkuk.properties.name_ckb, 'کەرکووک');
  assert.equal(kirkuk.properties.rank, 1);
  const etag = String(r.headers.get('etag'));
  const cached = await server.request('GET', '/api/v1/places', { cookie, headers: { 'if-none-match': etag } });
  assert.equal(cached.status, 304);
  assert.equal((await server.request('GET', '/api/v1/places')).status, 401);

  // Bashiqa is no governorate or district: the name (in Sorani here) is found among the towns.
  const report = await server.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'sighting', time: new Date(Date.now() - 3_600_000).toISOString(), place: 'بەعشیقە' },
  });
  assert.equal(report.status, 201, report.text);
  assert.deepEqual([report.body.lon, report.body.lat, report.body.place], [43.35, 36.45, 'Bashiqa']);
  assert.equal(report.body.location_precision, 'near_place');
  const unknown = await server.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'sighting', time: new Date(Date.now() - 3_600_000).toISOString(), place: 'Atlantis' },
  });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.message, /no loaded governorate, district, sub-district or town is named "Atlantis"/);
});

test('organisations and centres carry their names in English, Arabic and Central Kurdish, set at the CLI', async (t) => {
  const { store, dir } = await createFixture(t, { roles: ['viewer'] });
  store.close();
  const add = await runSeam(['org', 'add', 'kdp-asayish', 'Asayish', '--name-ar', 'الأسايش', '--name-ckb', 'ئاسایش'], {
    dataDir: dir,
  });
  assertExit(add, 0);
  assertExit(await runSeam(['org', 'add', 'bad', 'Bad', '--name-ar', ' '], { dataDir: dir }), 1, /name_ar: is empty/);
  const table = await runSeam(['org', 'list'], { dataDir: dir });
  assert.match(table.stdout, /kdp-asayish +Asayish +الأسايش +ئاسایش/);

  const reopened = openStore(join(dir, 'seam.db'));
  t.after(() => reopened.close());
  const s = await startServer(t, reopened);
  const cookie = await s.signIn('isf-viewer');
  const orgs = await s.request('GET', '/api/v1/organisations', { cookie });
  const asayish = orgs.body.items.find((o: { code: string }) => o.code === 'kdp-asayish');
  assert.deepEqual(asayish.names, { en: 'Asayish', ar: 'الأسايش', ckb: 'ئاسایش' });
  assert.equal(asayish.name, 'Asayish');
  const isf = orgs.body.items.find((o: { code: string }) => o.code === 'isf');
  assert.deepEqual(isf.names, { en: 'Iraqi Security Forces', ar: null, ckb: null });
  const jcc = await s.request('GET', '/api/v1/jccs/k1', { cookie });
  assert.deepEqual(jcc.body.names, { en: 'JCC Kirkuk', ar: null, ckb: null });

  // A centre is named in each language after it exists; an empty name removes one.
  const rename = await runSeam(
    ['jcc', 'rename', 'k1', '--name-ar', 'مركز تنسيق كركوك', '--name-ckb', 'ناوەندی هەماهەنگیی کەرکووک'],
    {
      dataDir: dir,
    },
  );
  assertExit(rename, 0);
  assert.equal(rename.stdout, 'renamed k1: JCC Kirkuk / مركز تنسيق كركوك / ناوەندی هەماهەنگیی کەرکووک\n');
  assert.deepEqual((await s.request('GET', '/api/v1/jccs/k1', { cookie })).body.names, {
    en: 'JCC Kirkuk',
    ar: 'مركز تنسيق كركوك',
    ckb: 'ناوەندی هەماهەنگیی کەرکووک',
  });
  assertExit(await runSeam(['jcc', 'rename', 'k1', '--name-ckb', ''], { dataDir: dir }), 0);
  assert.equal((await s.request('GET', '/api/v1/jccs/k1', { cookie })).body.names.ckb, null);
  assertExit(await runSeam(['jcc', 'rename', 'nowhere', '--name-ar', 'س'], { dataDir: dir }), 1, /no JCC "nowhere"/);
  assertExit(await runSeam(['jcc', 'rename', 'k1'], { dataDir: dir }), 2, /needs --name, --name-ar or --name-ckb/);
  assertExit(await runSeam(['jcc', 'rename', 'k1', '--name', ' '], { dataDir: dir }), 1, /name: is empty/);
  const audit = await runSeam(['audit', 'list', '--action', 'jcc.rename', '--json'], { dataDir: dir });
  assert.equal(audit.stdout.trim().split('\n').length, 2, audit.stdout);
});

test('the demo names its organisations and centres in Arabic and Central Kurdish', async (t) => {
  const { server } = await startDemoServer(t);
  const cookie = await server.signIn('peshmerga-liaison');
  const orgs = await server.request('GET', '/api/v1/organisations', { cookie });
  const names = Object.fromEntries(orgs.body.items.map((o: { code: string; names: unknown }) => [o.code, o.names]));
  assert.deepEqual(names.peshmerga, {
    en: 'Kurdistan Region Peshmerga',
    ar: 'بيشمركة إقليم كوردستان',
    ckb: 'پێشمەرگەی هەرێمی کوردستان',
  });
  assert.deepEqual(names.isf, {
    en: 'Iraqi Security Forces',
    ar: 'قوات الأمن العراقية',
    ckb: 'هێزە ئەمنییەکانی عێراق',
  });
  const jccs = await server.request('GET', '/api/v1/jccs', { cookie });
  for (const j of jccs.body.items) {
    assert.ok(j.names.ar && /[\u0600-\u06ff]/.test(j.names.ar), `${j.code} has an Arabic name`);
    assert.ok(j.names.ckb && /[\u0600-\u06ff]/.test(j.names.ckb), `${j.code} has a Sorani name`);
  }
  const nineveh = jccs.body.items.find((j: { code: string }) => j.code === 'nineveh');
  assert.deepEqual(nineveh.names, { en: 'JCC Nineveh', ar: 'مركز تنسيق نينوى', ckb: 'ناوەندی هەماهەنگیی نەینەوا' });
});
