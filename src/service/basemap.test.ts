import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createFixture } from '../../test/harness/fixture.ts';
import { buildArchive, fixtureArchive } from '../../test/harness/pmtiles-fixture.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import { encodeTile } from '../../test/harness/vector-tiles.ts';
import { listAudit } from './audit.ts';
import { basemapFile, importBasemap } from './basemap.ts';

const whole: Array<[number, number]> = [
  [0, 0],
  [4096, 0],
  [4096, 4096],
  [0, 4096],
];

test('an extract in another schema, or whose directory does not decompress, is refused and changes nothing', async (t) => {
  const { store, dir } = await createFixture(t, { roles: ['viewer'] });
  const files = tempDir(t);
  const openMapTiles = join(files, 'openmaptiles.pmtiles');
  writeFileSync(
    openMapTiles,
    buildArchive(
      [{ z: 0, x: 0, y: 0, data: encodeTile([{ name: 'water', features: [{ rings: [whole], properties: {} }] }]) }],
      {
        bounds: [41, 33, 47, 38],
        minZoom: 0,
        maxZoom: 0,
        metadata: { vector_layers: [{ id: 'water' }, { id: 'transportation' }, { id: 'landcover' }] },
      },
    ),
  );
  await assert.rejects(
    importBasemap(store, openMapTiles),
    /refused, nothing changed: its layers \(water, transportation, landcover\) are not the Protomaps basemap schema's/,
  );

  // The root directory's gzip stream broken in its middle.
  const broken = fixtureArchive();
  const rootLength = Number(broken.readBigUInt64LE(16));
  broken.fill(0x55, 127 + 10, 127 + rootLength - 8);
  const damaged = join(files, 'damaged.pmtiles');
  writeFileSync(damaged, broken);
  await assert.rejects(
    importBasemap(store, damaged),
    /refused, nothing changed: its directories or metadata cannot be read \(damaged\?\): invalid/,
  );

  assert.equal(existsSync(basemapFile(store)), false);
  assert.deepEqual(
    readdirSync(dir).filter((f) => !f.startsWith('seam.db')),
    [],
  );
  assert.deepEqual(await listAudit(store, { action: 'basemap' }, 10), []);
});
