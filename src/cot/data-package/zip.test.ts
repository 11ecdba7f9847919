import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SeamError } from '../../domain/errors.ts';
import { checkDataPackage } from './package-check.ts';
import { readZipDirectory, readZipEntry, safeEntryName } from './zip-reader.ts';
import { writeZip } from './zip-writer.ts';

const limits = { maxEntries: 100, maxTotalSize: 10_000_000 };
const segment = fc.stringMatching(/^[A-Za-z0-9._ -]{1,12}$/).filter((s) => s !== '..');

test('every zip the writer makes reads back entry for entry, stored or deflated', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(
        fc.record({
          name: fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('/')),
          data: fc.uint8Array({ maxLength: 2000 }),
        }),
        { selector: (e) => e.name, maxLength: 8 },
      ),
      (entries) => {
        const zip = writeZip(entries);
        const dir = readZipDirectory(zip, limits);
        assert.deepEqual(
          dir.map((e) => e.name),
          entries.map((e) => e.name),
        );
        for (const [i, e] of dir.entries()) assert.ok(readZipEntry(zip, e).equals(Buffer.from(entries[i]!.data)));
      },
    ),
    { numRuns: 100 },
  );
});

test('no entry name that climbs out, starts at the root or a drive, or uses backslashes is ever taken for safe', () => {
  const unsafe = fc.oneof(
    fc.array(segment, { maxLength: 3 }).map((p) => [...p, '..', 'x'].join('/')),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => `/${p.join('/')}`),
    segment.map((s) => `C:${s}`),
    fc.tuple(segment, segment).map(([a, b]) => `${a}\\..\\${b}`),
  );
  fc.assert(fc.property(unsafe, (name) => !safeEntryName(name)));
  fc.assert(fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (p) => safeEntryName(p.join('/'))));
});

test('a zip whose entries inflate beyond the limit, or that is not a zip at all, is refused before any is inflated', () => {
  const zip = writeZip([{ name: 'big.bin', data: new Uint8Array(50_000) }]);
  assert.throws(() => readZipDirectory(zip, { maxEntries: 10, maxTotalSize: 10_000 }), /add up to more than/);
  assert.throws(() => readZipDirectory(Buffer.from('not a zip'), limits), SeamError);
  const many = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(1) })));
  assert.throws(() => readZipDirectory(many, { maxEntries: 4, maxTotalSize: 100 }), /more than 4 entries/);
});

test('a manifest declaring entities is refused; a plain one gives its uid and name', () => {
  const bomb =
    '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><MissionPackageManifest version="2">&a;</MissionPackageManifest>';
  const zip = writeZip([{ name: 'MANIFEST/manifest.xml', data: Buffer.from(bomb) }]);
  assert.throws(() => checkDataPackage(zip), /not well-formed/);
  const good = writeZip([
    {
      name: 'MANIFEST/manifest.xml',
      data: Buffer.from(
        '<MissionPackageManifest version="2"><Configuration><Parameter name="uid" value="u-1"/><Parameter name="name" value="Alpha"/></Configuration><Contents/></MissionPackageManifest>',
      ),
    },
  ]);
  assert.deepEqual(checkDataPackage(good), { uid: 'u-1', name: 'Alpha' });
});
