import { createHash } from 'node:crypto';
import { seeDataPackage } from '../access/data-package.ts';
import { accessFacts } from '../access/facts.ts';
import type { DataPackage } from '../domain/data-package.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import type { Releasability } from '../domain/releasability.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

/** A package as its uploader sends it, its zip already checked by the adapter (manifest, entry names, sizes). */
export interface PackageUpload {
  /** The SHA-256 the client names the package by; the bytes must hash to it. */
  hash: string;
  filename: string;
  /** The manifest's name, when it has one. */
  name: string | null;
  creatorUid: string;
  bytes: Uint8Array;
}

const hashPattern = /^[0-9a-f]{64}$/;
const searchLimit = 500;

/** The hash a client names a package by, checked for form (lower-cased). */
export function packageHash(value: string | undefined): string {
  const hash = (value ?? '').toLowerCase();
  if (!hashPattern.test(hash)) throw invalid('hash', 'expected the SHA-256 of the package, 64 hexadecimal digits');
  return hash;
}

/**
 * Stores a package a TAK user uploaded, owned by the user's organisation with its default
 * releasability for data packages (its own organisation only when it set none). The same bytes
 * uploaded again by the same organisation are the same package.
 */
export async function uploadDataPackage(store: Store, actor: Actor, upload: PackageUpload): Promise<DataPackage> {
  const hash = packageHash(upload.hash);
  const actual = createHash('sha256').update(upload.bytes).digest('hex');
  if (actual !== hash) throw invalid('hash', `the package's SHA-256 is ${actual}, not the hash given`);
  if (upload.filename.length === 0 || upload.filename.length > 255 || /[/\\\0]/.test(upload.filename))
    throw invalid('filename', 'a file name of 1-255 characters without path separators');
  const releasability: Releasability = (await store.releasabilityDefaults.find(actor.org, 'data_package')) ?? {
    scope: 'org',
  };
  return store.write(actor.userId, async (tx) => {
    const same = (await tx.dataPackages.byHash(hash)).find((p) => p.ownerOrg === actor.org);
    if (same) return same;
    const p: DataPackage = {
      id: newId(),
      hash,
      filename: upload.filename,
      name: (upload.name ?? upload.filename).slice(0, 255),
      creatorUid: upload.creatorUid.slice(0, 255),
      size: upload.bytes.byteLength,
      ownerOrg: actor.org,
      releasability,
      jcc: null,
      uploadedBy: actor.username,
      uploadedAt: tx.at,
    };
    await tx.dataPackages.insert(p, upload.bytes);
    return p;
  });
}

/** The package with this hash the actor may have (its own organisation's first), or null. */
export async function findDataPackage(store: Store, actor: Actor, hashValue: string): Promise<DataPackage | null> {
  const hash = packageHash(hashValue);
  const facts = await accessFacts(store);
  const seen = (await store.dataPackages.byHash(hash))
    .map((p) => seeDataPackage({ org: actor.org, kind: 'tak-client' }, p, facts))
    .filter((p): p is DataPackage => p !== null)
    .sort((a, b) => Number(b.ownerOrg === actor.org) - Number(a.ownerOrg === actor.org));
  return seen[0] ?? null;
}

/** The bytes of a package the actor may have; not found (never forbidden) otherwise, so its existence is not told. */
export async function dataPackageBytes(
  store: Store,
  actor: Actor,
  hash: string,
): Promise<{ pkg: DataPackage; bytes: Uint8Array }> {
  const pkg = await findDataPackage(store, actor, hash);
  const bytes = pkg ? await store.dataPackages.content(pkg.id) : null;
  if (!pkg || !bytes) throw new SeamError('not_found', 'no data package with this hash');
  return { pkg, bytes };
}

/** The newest packages the actor may have. */
export async function searchDataPackages(store: Store, actor: Actor): Promise<DataPackage[]> {
  const facts = await accessFacts(store);
  return (await store.dataPackages.list(searchLimit))
    .map((p) => seeDataPackage({ org: actor.org, kind: 'tak-client' }, p, facts))
    .filter((p): p is DataPackage => p !== null);
}
