import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { iraqBoundaryFile, needsFullIraqData } from '../../test/harness/iraq-data.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import { SeamError } from '../domain/errors.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { openStore, type Store } from '../store/store.ts';
import { boundariesAt, importBoundaries } from './boundaries.ts';
import { resolvePlace } from './gazetteer.ts';
import { importPlaces } from './places.ts';

const twins = join(import.meta.dirname, '../../test/fixtures/boundaries/twin-subdistricts.geojson');

async function iraqStore(t: TestContext, levels: (1 | 2 | 3)[] = [1, 2, 3]): Promise<Store> {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  for (const level of levels) await importBoundaries(store, { path: iraqBoundaryFile(level) }, { level });
  return store;
}

/** Asserts a validation error on field `place` whose reason matches. */
function placeError(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof SeamError, String(err));
    assert.equal(err.code, 'validation');
    assert.equal(err.issues[0].field, 'place');
    assert.match(err.issues[0].reason, pattern);
    assert.match(err.message, pattern);
    return true;
  };
}

test('a district by its English or Arabic name, any case or article, resolves inside it', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = await iraqStore(t);
  const daquq = await resolvePlace(store, 'daquq');
  assert.deepEqual(
    { ...daquq, lon: 0, lat: 0 },
    {
      lon: 0,
      lat: 0,
      name: 'Daquq',
      level: 2,
      pcode: 'IQG13Q02',
      precision: 'district',
    },
  );
  const geometry = (await store.boundaries.list()).find((b) => b.level === 2 && b.pcode === 'IQG13Q02')!.geometry;
  assert.ok(pointInAreal([daquq.lon, daquq.lat], geometry));
  assert.equal((await boundariesAt(store, daquq.lon, daquq.lat)).district?.pcode, 'IQG13Q02');

  assert.equal((await resolvePlace(store, 'داقوق')).pcode, 'IQG13Q02');
  assert.equal((await resolvePlace(store, '  AL-HAWIGA ')).pcode, 'IQG13Q01');
  assert.equal((await resolvePlace(store, 'Mosul')).name, 'Al-Mosul');
  assert.equal((await resolvePlace(store, 'الموصل')).name, 'Al-Mosul');
});

test('every loaded boundary resolves, by place code, to a point inside itself', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = await iraqStore(t);
  for (const b of await store.boundaries.list()) {
    const p = await resolvePlace(store, b.pcode.toLowerCase());
    assert.equal(p.pcode, b.pcode);
    assert.ok(pointInAreal([p.lon, p.lat], b.geometry), `${b.name} ${b.pcode}`);
  }
});

test('precision: governorate, district, and district for a sub-district', { skip: needsFullIraqData }, async (t) => {
  const store = await iraqStore(t);
  assert.deepEqual(
    [
      await resolvePlace(store, 'Baghdad'),
      await resolvePlace(store, 'Khanaqin'),
      await resolvePlace(store, 'Markaz Kirkuk'),
    ].map((p) => [p.level, p.precision]),
    [
      [1, 'governorate'],
      [2, 'district'],
      [3, 'district'],
    ],
  );
});

test('a governorate and a district of the same name are ambiguous; the parent or the place code settles it', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = await iraqStore(t);
  await assert.rejects(
    async () => resolvePlace(store, 'Kirkuk'),
    placeError(
      /"Kirkuk" is ambiguous: governorate Kirkuk \(IQG13\).*; district Kirkuk \(IQG13Q04\) in Kirkuk;.*"Kirkuk, Kirkuk"/,
    ),
  );
  assert.equal((await resolvePlace(store, 'Kirkuk, Kirkuk')).pcode, 'IQG13Q04');
  assert.equal((await resolvePlace(store, 'IQG13')).level, 1);
});

test('a district and a sub-district with the same (Arabic) name are ambiguous, listing both with their parents', {
  skip: needsFullIraqData,
}, async (t) => {
  const store = await iraqStore(t);
  await assert.rejects(
    async () => resolvePlace(store, 'مندلي'),
    placeError(
      /ambiguous: district Baladruz \(IQG10Q03\) in Diyala; sub-district Mandali \(IQG10Q03N01\) in Baladruz, Diyala/,
    ),
  );
  assert.equal((await resolvePlace(store, 'Mandali')).pcode, 'IQG10Q03N01');
  // The file gives district Baladruz the Arabic name مندلي too.
  assert.equal((await resolvePlace(store, 'مندلي، مندلي')).pcode, 'IQG10Q03N01');
  assert.equal((await resolvePlace(store, 'Mandali, Baladruz, Diyala')).pcode, 'IQG10Q03N01');
});

test('two sub-districts with the same name are ambiguous', { skip: needsFullIraqData }, async (t) => {
  const store = await iraqStore(t, [1, 2]);
  await importBoundaries(store, { path: twins }, { level: 3 });
  await assert.rejects(
    async () => resolvePlace(store, 'twin'),
    placeError(/sub-district Al-Twin \(XTWIN1\) in Kirkuk, Kirkuk; sub-district Twin \(XTWIN2\) in Daquq, Kirkuk/),
  );
  await assert.rejects(async () => resolvePlace(store, 'التوأم'), placeError(/ambiguous/));
  assert.equal((await resolvePlace(store, 'Twin, Daquq')).pcode, 'XTWIN2');
  assert.equal((await resolvePlace(store, 'twin, kirkuk, kirkuk')).pcode, 'XTWIN1');
  await assert.rejects(async () => resolvePlace(store, 'twin, kirkuk'), placeError(/ambiguous/));
  await assert.rejects(async () => resolvePlace(store, 'twin, Erbil'), placeError(/no loaded .* named "twin, Erbil"/));
});

test('an unknown name, an empty name, and no boundaries at all', { skip: needsFullIraqData }, async (t) => {
  const store = await iraqStore(t, [1]);
  await assert.rejects(
    async () => resolvePlace(store, 'Atlantis'),
    placeError(/no loaded governorate, district, sub-district or town is named "Atlantis"/),
  );
  await assert.rejects(async () => resolvePlace(store, '  '), placeError(/is empty/));
  const empty = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => empty.close());
  await assert.rejects(
    async () => resolvePlace(empty, 'Kirkuk'),
    placeError(/no administrative boundaries are loaded/),
  );
});

test('a name no boundary has is found among the towns of the gazetteer, in any of its languages', async (t) => {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  await importPlaces(store, {
    text: JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [43.35, 36.45] },
          properties: { name: 'Bashiqa', name_ar: 'بعشيقة', name_ckb: 'بەعشیقە' },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [44.1, 35.1] }, properties: { name: 'Twin' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [45.1, 34.1] }, properties: { name: 'Twin' } },
      ],
    }),
  });
  // No boundaries are loaded: the towns alone answer.
  for (const name of ['Bashiqa', 'بعشيقه', 'بەعشیقە', ' bashiqa ']) {
    const p = await resolvePlace(store, name);
    assert.deepEqual(
      [p.lon, p.lat, p.name, p.precision, p.level, p.pcode],
      [43.35, 36.45, 'Bashiqa', 'near_place', null, null],
    );
  }
  await assert.rejects(
    async () => resolvePlace(store, 'twin'),
    placeError(/"twin" is ambiguous: town Twin at 44.1, 35.1; town Twin at 45.1, 34.1/),
  );
  await assert.rejects(
    async () => resolvePlace(store, 'Atlantis'),
    placeError(/no administrative boundaries are loaded .* no town/),
  );
});
