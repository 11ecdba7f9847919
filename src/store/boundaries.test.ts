import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { withRawSql } from '../../test/harness/raw-sql.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import type { AdminBoundary } from '../domain/admin-boundary.ts';
import { newId } from './ids.ts';
import { openStore, type Store } from './store.ts';

function newStore(t: TestContext): Store {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  return store;
}

function boundary(level: 1 | 2 | 3, pcode: string, name: string, x: number, y: number): AdminBoundary {
  return {
    id: newId(),
    level,
    pcode,
    name,
    nameAr: null,
    parentPcode: level > 1 ? 'G1' : null,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y],
        ],
      ],
    },
    areaKm2: 5000,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

test('inserts, lists with and without geometry, and finds by box', async (t) => {
  const store = newStore(t);
  const g = boundary(1, 'G1', 'Gov', 44, 35);
  const d1 = boundary(2, 'D1', 'Beta', 44, 35);
  const d2 = boundary(2, 'D2', 'Alpha', 46, 33);
  await store.write(null, async (tx) => {
    for (const b of [g, d1, d2]) await tx.boundaries.insert(b);
  });
  assert.deepEqual(await store.boundaries.list(), [g, d1, d2]);
  assert.deepEqual(
    (await store.boundaries.summaries(2)).map((b) => b.name),
    ['Alpha', 'Beta'],
  );
  assert.ok(!('geometry' in (await store.boundaries.summaries())[0]));
  assert.deepEqual(
    (await store.boundaries.inBox([44.5, 35.5, 44.6, 35.6])).map((b) => b.pcode),
    ['G1', 'D1'],
  );
  assert.deepEqual(
    (await store.boundaries.inBox([44.5, 33.5, 46.5, 35.6], 2)).map((b) => b.pcode),
    ['D1', 'D2'],
  );
  assert.deepEqual(await store.boundaries.inBox([10, 10, 11, 11]), []);
});

test('the same pcode twice in a level is refused by the schema, and nothing of the write remains', async (t) => {
  const store = newStore(t);
  await assert.rejects(
    store.write(null, async (tx) => {
      await tx.boundaries.insert(boundary(2, 'D1', 'A', 44, 35));
      await tx.boundaries.insert(boundary(2, 'D1', 'B', 45, 35));
    }),
    /UNIQUE/,
  );
  assert.deepEqual(await store.boundaries.list(), []);
  await store.write(null, async (tx) => {
    await tx.boundaries.insert(boundary(1, 'D1', 'A', 44, 35));
    await tx.boundaries.insert(boundary(2, 'D1', 'A', 44, 35));
  });
});

test('deleting a level removes its rows and index entries, logs each, and changes the fingerprint', async (t) => {
  const store = newStore(t);
  const empty = await store.boundaries.fingerprint();
  await store.write(null, async (tx) => {
    await tx.boundaries.insert(boundary(1, 'G1', 'Gov', 44, 35));
    await tx.boundaries.insert(boundary(2, 'D1', 'A', 44, 35));
    await tx.boundaries.insert(boundary(2, 'D2', 'B', 45, 35));
  });
  const loaded = await store.boundaries.fingerprint();
  assert.notEqual(loaded, empty);
  assert.equal(await store.write(null, async (tx) => await tx.boundaries.deleteLevel(2)), 2);
  assert.deepEqual(
    (await store.boundaries.list()).map((b) => b.pcode),
    ['G1'],
  );
  assert.equal(
    withRawSql(store, (db) => Number(db.prepare('SELECT count(*) AS n FROM admin_boundaries_rtree').get()?.n)),
    1,
  );
  const deletes = withRawSql(store, (db) =>
    db.prepare("SELECT data FROM change_log WHERE record_type = 'admin_boundary' AND op = 'delete'").all(),
  );
  assert.equal(deletes.length, 2);
  assert.equal(deletes[0].data, null);
  assert.notEqual(await store.boundaries.fingerprint(), loaded);
});
