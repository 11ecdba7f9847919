import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { shippedBoundaryFile } from '../../test/harness/iraq-data.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import { openStore } from '../store/store.ts';
import { importBoundaries } from './boundaries.ts';
import { boundaryIndex } from './boundary-index.ts';
import { addOrganisation } from './organisations.ts';

test('the index is built once and kept while boundaries do not change, whatever else does', async (t) => {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  await importBoundaries(store, { path: shippedBoundaryFile(1) }, { level: 1 });
  const first = await boundaryIndex(store);
  assert.equal(first.boundaries.length, 18);
  assert.equal(await boundaryIndex(store), first);
  await addOrganisation(store, 'isf', 'Iraqi Security Forces');
  assert.equal(await boundaryIndex(store), first, 'an unrelated change keeps the index');

  const other = openStore(store.file);
  t.after(() => other.close());
  await addOrganisation(other, 'peshmerga', 'Kurdistan Region Peshmerga');
  assert.equal(await boundaryIndex(store), first, 'an unrelated change by another connection keeps it too');

  await importBoundaries(store, { path: shippedBoundaryFile(2) }, { level: 2 });
  const second = await boundaryIndex(store);
  assert.notEqual(second, first);
  assert.equal(second.boundaries.length, 18 + 46);
  assert.equal(second.byPcode(2, 'IQG13Q04')?.name, 'Kirkuk');
  assert.equal(second.lookup(1).locate(44.39, 35.47)?.pcode, 'IQG13');
});
