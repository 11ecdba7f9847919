import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { iraqBoundaryFile, needsFullIraqData } from '../../test/harness/iraq-data.ts';
import { withRawSql } from '../../test/harness/raw-sql.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import { SeamError } from '../domain/errors.ts';
import { openStore, type Store } from '../store/store.ts';
import { boundariesAt, importBoundaries, listAdminBoundaries } from './boundaries.ts';

const iraqFile = iraqBoundaryFile;

function newStore(t: TestContext): Store {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  return store;
}

function changeCount(store: Store): number {
  return Number(
    (withRawSql(store, (db) => db.prepare('SELECT count(*) AS n FROM change_log').get()) as { n: number }).n,
  );
}

function rejects(err: unknown, pattern: RegExp): boolean {
  assert.ok(err instanceof SeamError, String(err));
  assert.equal(err.code, 'validation');
  assert.match(err.message, pattern);
  return true;
}

test('imports governorates and districts; a point resolves to its governorate and district', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  assert.deepEqual(await importBoundaries(store, { path: iraqFile(1) }, { level: 1 }), {
    level: 1,
    imported: 18,
    replaced: 0,
  });
  const progress: number[] = [];
  const r = await importBoundaries(store, { path: iraqFile(2) }, { level: 2 }, (done, total) => {
    assert.equal(total, 101);
    progress.push(done);
  });
  assert.deepEqual(r, { level: 2, imported: 101, replaced: 0 });
  assert.equal(progress.at(-1), 101);

  const kirkuk = await boundariesAt(store, 44.39, 35.47);
  assert.equal(kirkuk.governorate?.name, 'Kirkuk');
  assert.equal(kirkuk.governorate?.pcode, 'IQG13');
  assert.equal(kirkuk.governorate?.nameAr, 'كركوك');
  assert.equal(kirkuk.district?.name, 'Kirkuk');
  assert.equal(kirkuk.district?.pcode, 'IQG13Q04');
  assert.equal(kirkuk.district?.parentPcode, 'IQG13');
  assert.equal(kirkuk.subdistrict, null, 'sub-districts are not loaded');

  const baghdad = await boundariesAt(store, 44.36, 33.31);
  assert.equal(baghdad.governorate?.name, 'Baghdad');
  assert.equal(baghdad.district?.name, 'Al-Karkh');

  assert.deepEqual(await boundariesAt(store, 2.35, 48.85), { governorate: null, district: null, subdistrict: null });
  assert.deepEqual(await boundariesAt(store, 50.5, 26.0), { governorate: null, district: null, subdistrict: null });

  const governorates = await listAdminBoundaries(store, 1);
  assert.equal(governorates.length, 18);
  assert.ok(!('geometry' in governorates[0]));
  const k = governorates.find((g) => g.pcode === 'IQG13')!;
  assert.ok(k.areaKm2 > 9000 && k.areaKm2 < 11000, `Kirkuk governorate is about 9,700 km², got ${k.areaKm2}`);
});

test('each boundary is logged small (no geometry) and the import is audited once', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  await importBoundaries(store, { path: iraqFile(1) }, { level: 1 });
  const rows = withRawSql(store, (db) =>
    db.prepare("SELECT op, releasability, data FROM change_log WHERE record_type = 'admin_boundary'").all(),
  ) as { op: string; releasability: string; data: string }[];
  assert.equal(rows.length, 18);
  for (const r of rows) {
    assert.equal(r.op, 'create');
    assert.equal(r.releasability, 'coalition');
    assert.deepEqual(Object.keys(JSON.parse(r.data)).sort(), ['id', 'level', 'name', 'pcode']);
  }
  const audit = withRawSql(store, (db) =>
    db.prepare("SELECT detail FROM audit_log WHERE action = 'boundaries.import'").all(),
  );
  assert.equal(audit.length, 1);
  assert.equal(JSON.parse(String(audit[0].detail)).imported, 18);
});

test('importing a level again replaces it in one transaction, logging the deletions', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  await importBoundaries(store, { path: iraqFile(2) }, { level: 2 });
  const before = await listAdminBoundaries(store, 2);
  const events: string[] = [];
  store.bus.subscribe((e) => events.push(`${e.recordType}:${e.op}`));
  // The first answer builds the cached index; the re-import must invalidate it.
  assert.equal((await boundariesAt(store, 44.39, 35.47)).district?.id, before.find((b) => b.pcode === 'IQG13Q04')?.id);
  assert.deepEqual(await importBoundaries(store, { path: iraqFile(2) }, { level: 2 }), {
    level: 2,
    imported: 101,
    replaced: 101,
  });
  const after = await listAdminBoundaries(store, 2);
  assert.equal(after.length, 101);
  assert.ok(
    after.every((b) => !before.some((o) => o.id === b.id)),
    'every boundary is new',
  );
  assert.equal(events.filter((e) => e === 'admin_boundary:delete').length, 101);
  assert.equal(events.filter((e) => e === 'admin_boundary:create').length, 101);
  assert.equal((await boundariesAt(store, 44.39, 35.47)).district?.id, after.find((b) => b.pcode === 'IQG13Q04')?.id);
  const index = withRawSql(store, (db) => db.prepare('SELECT count(*) AS n FROM admin_boundaries_rtree').get()) as {
    n: number;
  };
  assert.equal(Number(index.n), 101);
});

test('a change made by another connection (a CLI next to the server) is seen on the next lookup', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  assert.equal((await boundariesAt(store, 44.39, 35.47)).governorate, null);
  const other = openStore(store.file);
  t.after(() => other.close());
  await importBoundaries(other, { path: iraqFile(1) }, { level: 1 });
  assert.equal((await boundariesAt(store, 44.39, 35.47)).governorate?.name, 'Kirkuk');
});

/** The ADM1 file with one feature spoiled. */
function spoiled(
  spoil: (f: { properties: Record<string, unknown>; geometry: Record<string, unknown> }) => void,
): string {
  const doc = JSON.parse(readFileSync(iraqFile(1), 'utf8'));
  spoil(doc.features[5]);
  return JSON.stringify(doc);
}

test('a broken file names the feature and the problem, and leaves the database unchanged', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  await importBoundaries(store, { path: iraqFile(1) }, { level: 1 });
  const ids = (await listAdminBoundaries(store)).map((b) => b.id);
  const changes = changeCount(store);
  const pcode5 = JSON.parse(readFileSync(iraqFile(1), 'utf8')).features[5].properties.ADM1_PCODE;
  const cases: [string, RegExp][] = [
    [spoiled((f) => delete f.properties.ADM1_PCODE), /feature 5: has no place code \(property ADM1_PCODE\)/],
    [
      spoiled((f) => {
        f.geometry = { type: 'Point', coordinates: [44, 35] };
      }),
      new RegExp(`feature 5 \\(${pcode5}\\): geometry is Point, expected Polygon or MultiPolygon`),
    ],
    [
      spoiled((f) => {
        (f.geometry.coordinates as number[][][])[0].pop();
      }),
      new RegExp(`feature 5 \\(${pcode5}\\): ring 0 is not closed`),
    ],
    [
      spoiled((f) => {
        f.properties.ADM1_PCODE = 'IQG01';
      }),
      /feature 5 \(IQG01\): place code IQG01 is also used by feature 0/,
    ],
    [readFileSync(iraqFile(1), 'utf8').slice(0, 5000), /not valid JSON/],
    ['{"type": "Feature"}', /file is not a GeoJSON FeatureCollection/],
  ];
  for (const [text, pattern] of cases) {
    await assert.rejects(importBoundaries(store, { text }, { level: 1 }), (err) => rejects(err, pattern));
  }
  assert.deepEqual(
    (await listAdminBoundaries(store)).map((b) => b.id),
    ids,
  );
  assert.equal(changeCount(store), changes);
});

test('the problems are listed per feature as issues, the message shows the first ten', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = newStore(t);
  const doc = JSON.parse(readFileSync(iraqFile(2), 'utf8'));
  for (const f of doc.features) delete f.properties.ADM2_EN;
  await assert.rejects(importBoundaries(store, { text: JSON.stringify(doc) }, { level: 2 }), (err) => {
    assert.ok(err instanceof SeamError);
    assert.equal(err.issues.length, 101);
    assert.deepEqual(err.issues[0], { field: 'features[0].ADM2_EN', reason: 'has no name (property ADM2_EN)' });
    assert.match(err.message, /\(101 problems\).*and 91 more$/);
    return true;
  });
});

test('other field names, size limit, missing file and bad level', { skip: needsFullIraqData }, async (t) => {
  const store = newStore(t);
  const doc = JSON.parse(readFileSync(iraqFile(1), 'utf8'));
  for (const f of doc.features) {
    f.properties = { gov: f.properties.ADM1_EN, code: f.properties.ADM1_PCODE, up: 'IQ' };
  }
  const text = JSON.stringify(doc);
  const r = await importBoundaries(
    store,
    { text },
    { level: 1, nameField: 'gov', pcodeField: 'code', parentField: 'up' },
  );
  assert.equal(r.imported, 18);
  assert.equal((await listAdminBoundaries(store, 1))[0].nameAr, null);
  await assert.rejects(importBoundaries(store, { text }, { level: 1, maxBytes: 1000 }), (err) => {
    assert.ok(err instanceof SeamError);
    assert.equal(err.code, 'payload_too_large');
    assert.match(err.message, /boundary file is \d+ KB, over the 1 KB limit/);
    return true;
  });
  await assert.rejects(importBoundaries(store, { path: iraqFile(1) }, { level: 1, maxBytes: 100_000 }), /over the/);
  await assert.rejects(importBoundaries(store, { path: '/nonexistent/file.geojson' }, { level: 1 }), /ENOENT/);
  await assert.rejects(importBoundaries(store, { text }, { level: 4 }), /level: must be 1/);
  await assert.rejects(async () => boundariesAt(store, 200, 35), /lon: must be/);
});
