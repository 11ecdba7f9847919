import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, Position } from '../src/domain/geojson.ts';
import { pointInAreal } from '../src/geo/point-in-polygon.ts';
import { importBoundaries, listAdminBoundaries } from '../src/service/boundaries.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { iraqBoundaryFile, needsFullIraqData } from './harness/iraq-data.ts';

const rings = (g: Areal): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

test('boundaries for the map: simplified GeoJSON of the real COD-AB files, with labels and revalidation', {
  skip: needsFullIraqData,
}, async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  for (const level of [1, 2, 3] as const) await importBoundaries(store, { path: iraqBoundaryFile(level) }, { level });
  const s = await startServer(t, store);
  const cookie = await s.signIn('peshmerga-viewer');
  const get = (query: string, headers: Record<string, string> = {}) =>
    s.request('GET', `/api/v1/boundaries${query}`, { cookie, headers });

  await t.test('each level: every loaded boundary, valid rings, rounded coordinates, a label inside', async () => {
    const level1 = new Set((await listAdminBoundaries(store, 1)).map((b) => b.pcode));
    for (const level of [1, 2, 3] as const) {
      const r = await get(`?level=${level}`);
      assert.equal(r.status, 200, r.text);
      assert.match(String(r.headers.get('content-type')), /^application\/json/);
      const bytes = Buffer.byteLength(r.text);
      t.diagnostic(`level ${level}: ${r.body.features.length} features, ${Math.round(bytes / 1024)} KB`);
      if (level === 2) assert.ok(bytes < 600 * 1024, `districts are ${bytes} bytes`);
      assert.ok(bytes < 1024 * 1024, `level ${level} is ${bytes} bytes`);
      assert.equal(r.body.type, 'FeatureCollection');
      const stored = await listAdminBoundaries(store, level);
      assert.deepEqual(
        r.body.features.map((f: { properties: { pcode: string } }) => f.properties.pcode).sort(),
        stored.map((b) => b.pcode).sort(),
      );
      for (const f of r.body.features) {
        assert.deepEqual(Object.keys(f.properties), ['pcode', 'name_en', 'name_ar', 'level', 'parent_pcode', 'label']);
        assert.equal(f.properties.level, level);
        assert.ok(['Polygon', 'MultiPolygon'].includes(f.geometry.type));
        for (const ring of rings(f.geometry)) {
          assert.ok(ring.length >= 4, `${f.properties.pcode}: a ring of ${ring.length}`);
          assert.deepEqual(ring[0], ring.at(-1), `${f.properties.pcode}: a closed ring`);
          for (const [x, y] of ring) assert.ok(decimals(x) <= 5 && decimals(y) <= 5, `${x},${y} rounded`);
        }
        assert.ok(pointInAreal(f.properties.label, f.geometry), `${f.properties.pcode}: label inside`);
        if (level === 2) assert.ok(level1.has(f.properties.parent_pcode), `${f.properties.pcode}: parent`);
      }
    }
    const kirkuk = (await get('?level=2')).body.features.find(
      (f: { properties: { pcode: string } }) => f.properties.pcode === 'IQG13Q04',
    );
    assert.equal(kirkuk.properties.name_en, 'Kirkuk');
    assert.equal(kirkuk.properties.parent_pcode, 'IQG13');
    assert.ok(kirkuk.properties.name_ar);
  });

  await t.test('an ETag, revalidated with If-None-Match until the boundaries change', async () => {
    const first = await get('?level=1');
    const etag = String(first.headers.get('etag'));
    assert.match(etag, /^"[^"]+"$/);
    assert.equal(first.headers.get('cache-control'), 'private, max-age=0, must-revalidate');
    const again = await get('?level=1', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(again.headers.get('cache-control'), 'private, max-age=0, must-revalidate');
    assert.equal((await get('?level=1', { 'if-none-match': `"other", W/${etag}` })).status, 304);
    assert.equal((await get('?level=2', { 'if-none-match': etag })).status, 200, 'another level, another tag');

    await importBoundaries(store, { path: iraqBoundaryFile(1) }, { level: 1 });
    const changed = await get('?level=1', { 'if-none-match': etag });
    assert.equal(changed.status, 200, 'a re-import changes the tag');
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.deepEqual(changed.body, first.body, 'same file, same collection');
  });

  await t.test('a level must be 1, 2 or 3; a signed-in user is needed', async () => {
    for (const query of ['', '?level=4', '?level=x']) {
      const r = await get(query);
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(
        r.body.error.issues.map((i: { field: string }) => i.field),
        ['level'],
      );
    }
    assert.equal((await s.request('GET', '/api/v1/boundaries?level=1')).status, 401);
  });
});

test('boundaries for the map: none loaded is an empty collection', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-viewer');
  const r = await s.request('GET', '/api/v1/boundaries?level=3', { cookie });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { type: 'FeatureCollection', features: [] });
});
