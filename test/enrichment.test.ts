import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { getResolution, latLngToCell } from 'h3-js';
import { distanceKm } from '../src/geo/distance.ts';
import { toMgrs } from '../src/geo/mgrs.ts';
import { actorForUser } from '../src/service/actor-for-user.ts';
import { importBoundaries } from '../src/service/boundaries.ts';
import { reenrichIncidents } from '../src/service/incident-reenrich.ts';
import { createIncident } from '../src/service/incidents.ts';
import { databaseFile, openStore, type Store } from '../src/store/store.ts';
import { assertExit, jsonLines } from './harness/cli-exit.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { shippedBoundaryFile } from './harness/iraq-data.ts';
import { demoPassword, runSeam } from './harness/process.ts';
import { withRawSql } from './harness/raw-sql.ts';
import { tempDir } from './harness/temp-dir.ts';

const kirkuk: [number, number] = [44.39, 35.47];

async function demo(t: TestContext, ...extra: string[]): Promise<string> {
  const dir = tempDir(t);
  assertExit(await runSeam(['demo', '--seed', '1', '--as-of', '2026-11-01T00:00:00Z', ...extra], { dataDir: dir }), 0);
  return dir;
}

function open(t: TestContext, dir: string): Store {
  const store = openStore(databaseFile(dir));
  t.after(() => store.close());
  return store;
}

function counts(store: Store) {
  return withRawSql(store, (db) =>
    db
      .prepare(
        'SELECT count(*) AS total, sum(governorate IS NULL) AS noGovernorate, sum(district IS NULL) AS noDistrict FROM incidents',
      )
      .get(),
  ) as { total: number; noGovernorate: number; noDistrict: number };
}

const importLevel = (level: 1 | 2) => ['boundaries', 'import', shippedBoundaryFile(level), '--level', String(level)];

test('the demo loads the shipped boundaries: every demo incident has a governorate and a district', async (t) => {
  const store = open(t, await demo(t));
  const c = counts(store);
  assert.ok(c.total > 100);
  assert.deepEqual({ ...c }, { total: c.total, noGovernorate: 0, noDistrict: 0 });
  const names = withRawSql(store, (db) =>
    db.prepare('SELECT DISTINCT governorate AS g FROM incidents ORDER BY g').all(),
  ) as { g: string }[];
  assert.ok(
    names.some((n) => n.g === 'Kirkuk'),
    JSON.stringify(names),
  );
});

test('seam boundaries import re-enriches the incidents; seam incidents reenrich catches up after a bare import', async (t) => {
  const dir = await demo(t, '--no-boundaries');
  const store = open(t, dir);
  const before = counts(store);
  assert.ok(before.total > 100);
  assert.equal(before.noGovernorate, before.total, 'no boundaries, no governorate');

  const adm1 = await runSeam(importLevel(1), { dataDir: dir });
  assertExit(adm1, 0);
  const changed1 = Number(/\nre-enriched incidents: (\d+) of (\d+) changed\n$/.exec(adm1.stdout)?.[1]);
  const afterAdm1 = counts(store);
  assert.ok(afterAdm1.noGovernorate < before.noGovernorate);
  assert.equal(changed1, before.noGovernorate - afterAdm1.noGovernorate);
  const adm2 = await runSeam([...importLevel(2), '--json'], { dataDir: dir });
  assertExit(adm2, 0);
  const afterAdm2 = counts(store);
  assert.equal(JSON.parse(adm2.stdout).incidents_changed, before.noDistrict - afterAdm2.noDistrict);
  assert.ok(afterAdm2.noDistrict < before.noDistrict);
  const again = await runSeam(['incidents', 'reenrich', '--json'], { dataDir: dir });
  assertExit(again, 0);
  assert.deepEqual(JSON.parse(again.stdout), { checked: before.total, changed: 0 }, 'nothing left to change');

  // Boundaries loaded behind the CLI's back (the service alone does not re-enrich): reenrich fills them in.
  const bare = await demo(t, '--no-boundaries');
  const bareStore = open(t, bare);
  for (const level of [1, 2] as const)
    await importBoundaries(bareStore, { path: shippedBoundaryFile(level) }, { level });
  assert.deepEqual(counts(bareStore), before, 'importing boundaries alone changes no incident');
  const r = await runSeam(['incidents', 'reenrich'], { dataDir: bare });
  assertExit(r, 0);
  assert.equal(
    r.stdout,
    `re-enriched incidents: ${before.total - afterAdm2.noGovernorate} of ${before.total} changed\n`,
  );
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
  assert.deepEqual(counts(bareStore), afterAdm2);
});

test('the MGRS example the report form shows (Kirkuk city) lies inside the demo zone and is routed to a JCC', async (t) => {
  const dir = await demo(t);
  const s = await startServer(t, open(t, dir));
  const cookie = await s.signIn('isf-reporter', demoPassword(dir, 'isf-reporter'));
  const r = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'ied', time: '2026-10-20T10:00:00Z', mgrs: '38SME4465625337' },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.jcc, 'k1');
  assert.equal(r.body.in_zone, true);
  assert.equal(r.body.district, 'Kirkuk');
});

test('an incident in Kirkuk city is enriched from the boundaries, the line, presence and earlier reports', async (t) => {
  const dir = await demo(t);
  for (const level of [1, 2] as const) assertExit(await runSeam(importLevel(level), { dataDir: dir }), 0);
  const store = open(t, dir);
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-reporter', demoPassword(dir, 'isf-reporter'));

  const r = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'ied', time: '2026-10-20T10:00:00Z', lon: kirkuk[0], lat: kirkuk[1] },
  });
  assert.equal(r.status, 201, r.text);
  const first = r.body;
  assert.equal(first.governorate, 'Kirkuk');
  assert.equal(first.governorate_pcode, 'IQG13');
  assert.equal(first.district, 'Kirkuk');
  assert.equal(first.district_pcode, 'IQG13Q04');
  assert.equal(first.jcc, 'k1');
  assert.ok(['isf', 'peshmerga'].includes(first.line_side), first.line_side);
  assert.equal(typeof first.line_distance_km, 'number');
  assert.ok(Math.abs(first.line_distance_km) < 5, 'the demo line runs through Kirkuk');
  assert.equal(first.in_zone, true);
  assert.equal(typeof first.in_gap, 'boolean');
  assert.match(first.h3, /^[0-9a-f]{15}$/);
  assert.equal(getResolution(first.h3), 8);
  assert.equal(first.h3, latLngToCell(kirkuk[1], kirkuk[0], 8));
  for (const org of ['isf', 'peshmerga']) {
    const cp = first.nearest_checkpoints.find((c: { org: string }) => c.org === org);
    assert.ok(cp, `a nearest ${org} checkpoint`);
    assert.ok(cp.km > 0 && cp.km < 50, `${org} checkpoint ${cp.km} km away`);
  }
  assert.equal(first.suspected_duplicate_of, null);

  // The same IED reported by the other force, 1 km north and 2 hours later.
  const dup = await runSeam(
    [
      'incident',
      'add',
      '--user',
      'peshmerga-reporter',
      '--type',
      'ied',
      '--time',
      '2026-10-20T12:00:00Z',
      '--lon',
      String(kirkuk[0]),
      '--lat',
      '35.479',
      '--json',
    ],
    { dataDir: dir },
  );
  assertExit(dup, 0);
  const second = jsonLines(dup)[0];
  assert.ok(Math.abs(distanceKm(kirkuk, [second.lon, second.lat]) - 1) < 0.05);
  assert.equal(second.suspected_duplicate_of, first.id);
  // The side follows the sign of the distance: Kirkuk sits on the line, so its side is the left one.
  const left = first.line_distance_km >= 0 ? first.line_side : null;
  if (left) assert.equal(second.line_side === left, second.line_distance_km >= 0);
});

test('a suspected duplicate is named only to a reporter who may see it', async (t) => {
  const dir = await demo(t);
  const store = open(t, dir);
  const s = await startServer(t, store);
  const report = async (user: string, json: Record<string, unknown>) => {
    const cookie = await s.signIn(user, demoPassword(dir, user));
    const r = await s.request('POST', '/api/v1/incidents', { cookie, json });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const at = { type: 'ied', lon: kirkuk[0], lat: kirkuk[1] };
  const ownOnly = await report('isf-reporter', { ...at, time: '2026-10-22T10:00:00Z', releasability: 'org' });
  // The partner's report lies 0 km and 1 hour away, but the earlier one is not released to it.
  const partners = await report('peshmerga-reporter', { ...at, time: '2026-10-22T11:00:00Z' });
  assert.equal(partners.suspected_duplicate_of, null);
  const own = await report('isf-reporter', { ...at, time: '2026-10-22T11:30:00Z' });
  assert.equal(own.suspected_duplicate_of, ownOnly.id);
  const peshmerga = await s.signIn('peshmerga-reporter', demoPassword(dir, 'peshmerga-reporter'));
  const seen = await s.request('GET', `/api/v1/incidents/${own.id}`, { cookie: peshmerga });
  assert.equal(seen.status, 200, seen.text);
  assert.equal(seen.body.suspected_duplicate_of, null);
  assert.ok(!seen.text.includes(ownOnly.id), 'the partner never learns the ID of the incident it may not see');
});

test('a report by MGRS lands in its square; a place name resolves, or is refused listing the candidates', async (t) => {
  const dir = await demo(t);
  for (const level of [1, 2] as const) assertExit(await runSeam(importLevel(level), { dataDir: dir }), 0);
  const store = open(t, dir);
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-reporter', demoPassword(dir, 'isf-reporter'));
  const add = async (...where: string[]) => {
    const args = ['incident', 'add', '--user', 'isf-reporter', '--type', 'sighting', '--time', '2026-10-21T08:00:00Z'];
    return runSeam([...args, ...where, '--json'], { dataDir: dir });
  };

  // 44.39°E lies in UTM zone 38 (42–48°E) and 35.47°N in latitude band S (32–40°N).
  const metre = toMgrs(kirkuk[0], kirkuk[1], 5);
  assert.match(metre, /^38S[A-Z]{2}\d{10}$/);
  const exact = await add('--mgrs', metre);
  assertExit(exact, 0);
  const e = jsonLines(exact)[0];
  assert.ok(distanceKm(kirkuk, [e.lon, e.lat]) < 0.0015, 'inside the 1 m square');
  assert.equal(e.mgrs, metre);
  assert.equal(e.location_precision, 'exact');
  assert.equal(e.district, 'Kirkuk');

  const km = toMgrs(kirkuk[0], kirkuk[1], 2);
  const coarse = await add('--mgrs', km);
  assertExit(coarse, 0);
  const c = jsonLines(coarse)[0];
  assert.equal(toMgrs(c.lon, c.lat, 2), km, 'inside the same 1 km square');
  assert.ok(distanceKm(kirkuk, [c.lon, c.lat]) < 0.75, 'within half a diagonal of the point');
  assert.equal(c.location_precision, 'near_place');

  const daquq = await add('--place', 'Daquq');
  assertExit(daquq, 0);
  const d = jsonLines(daquq)[0];
  assert.deepEqual(
    [d.place, d.district, d.governorate, d.location_precision],
    ['Daquq', 'Daquq', 'Kirkuk', 'district'],
  );

  const ambiguous = await add('--place', 'Kirkuk');
  assertExit(
    ambiguous,
    1,
    /^seam incident: place: "Kirkuk" is ambiguous: governorate Kirkuk \(IQG13\).*; district Kirkuk \(IQG13Q04\) in Kirkuk; /,
  );
  const api = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'sighting', time: '2026-10-21T08:00:00Z', place: 'Kirkuk' },
  });
  assert.equal(api.status, 400);
  assert.equal(api.body.error.issues[0].field, 'place');
  assert.match(api.body.error.message, /IQG13\b.*IQG13Q04/);
  const qualified = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'sighting', time: '2026-10-21T08:00:00Z', place: 'Kirkuk, Kirkuk' },
  });
  assert.equal(qualified.status, 201, qualified.text);
  assert.equal(qualified.body.district_pcode, 'IQG13Q04');
});

test('re-enriching keeps the first of two reports the original', async (t) => {
  const { store } = await createFixture(t);
  const reporter = await actorForUser(store, 'isf-reporter');
  const report = (time: string, lat: number) =>
    createIncident(store, reporter, { type: 'ied', time, lon: kirkuk[0], lat });
  const first = await report('2026-01-01T06:00:00Z', kirkuk[1]);
  const second = await report('2026-01-01T08:00:00Z', 35.479);
  assert.equal(second.enrichment.suspectedDuplicateOf, first.id);
  assert.equal(first.enrichment.suspectedDuplicateOf, null);
  await reenrichIncidents(store, null);
  assert.equal((await store.incidents.find(second.id))!.enrichment.suspectedDuplicateOf, first.id);
  assert.equal((await store.incidents.find(first.id))!.enrichment.suspectedDuplicateOf, null);
});
