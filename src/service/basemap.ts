import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { basemapHeaderProblems, schemaProblem } from '../domain/basemap.ts';
import { SeamError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { BasemapArchive } from './basemap-archive.ts';

/** The basemap's place in a data directory: beside the database, so a backup of the directory takes both. */
export function basemapFile(store: Store): string {
  return join(dirname(store.file), 'basemap.pmtiles');
}

/** What is loaded: the archive's extent, zooms, size and attribution. */
export interface BasemapSummary {
  file: string;
  bytes: number;
  /** west, south, east, north in degrees. */
  bounds: [number, number, number, number];
  center: [number, number];
  minZoom: number;
  maxZoom: number;
  tiles: number;
  tileCompression: 'none' | 'gzip';
  name: string | null;
  description: string | null;
  attribution: string | null;
  vectorLayers: string[];
  /** When the file was put in place (its modification time), UTC. */
  loadedAt: string;
}

export const defaultMaxBasemapBytes = 16 * 1024 ** 3;

/** Why an archive cannot be the basemap: every reason found. */
class ArchiveProblems extends Error {
  readonly reasons: string[];
  constructor(reasons: string[]) {
    super(reasons.join('; '));
    this.reasons = reasons;
  }
}

function refused(reasons: string[]): SeamError {
  return new SeamError(
    'validation',
    `basemap file refused, nothing changed: ${reasons.join('; ')}`,
    reasons.map((reason) => ({ field: 'file', reason })),
  );
}

/** The summary of an archive to be imported, or a validation error naming every problem. */
async function checkForImport(archive: BasemapArchive, loadedAt: string): Promise<BasemapSummary> {
  try {
    return await inspectArchive(archive, loadedAt);
  } catch (err) {
    if (err instanceof ArchiveProblems) throw refused(err.reasons);
    throw err;
  }
}

/** The summary of the loaded archive, or an error saying it cannot be read (damaged after it was loaded). */
export async function inspectLoaded(archive: BasemapArchive): Promise<BasemapSummary> {
  try {
    return await inspectArchive(archive, archive.modifiedAt);
  } catch (err) {
    throw new SeamError('unavailable', `the loaded basemap cannot be read: ${(err as Error).message}`);
  }
}

/**
 * Reads and checks an archive: a PMTiles v3 header that makes sense for the file's size, vector tiles (MVT) in the
 * Protomaps basemap schema, readable directories and metadata. Throws ArchiveProblems naming every problem.
 */
async function inspectArchive(archive: BasemapArchive, loadedAt: string): Promise<BasemapSummary> {
  let header: Awaited<ReturnType<BasemapArchive['header']>>;
  try {
    header = await archive.header();
  } catch (err) {
    throw new ArchiveProblems([(err as Error).message]);
  }
  const problems = basemapHeaderProblems(header, archive.bytes);
  if (problems.length > 0) throw new ArchiveProblems(problems);
  let metadata: Awaited<ReturnType<BasemapArchive['metadata']>>;
  try {
    metadata = await archive.metadata();
    // One lookup through the root directory proves the directories decompress and parse.
    await archive.tile(header.minZoom, 0, 0);
  } catch (err) {
    throw new ArchiveProblems([`its directories or metadata cannot be read (damaged?): ${(err as Error).message}`]);
  }
  const schema = schemaProblem(metadata.vectorLayers);
  if (schema) throw new ArchiveProblems([schema]);
  return {
    file: archive.path,
    bytes: archive.bytes,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    center: [(header.minLon + header.maxLon) / 2, (header.minLat + header.maxLat) / 2],
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    tiles: header.numAddressedTiles,
    tileCompression: header.tileCompression === 2 ? 'gzip' : 'none',
    name: metadata.name,
    description: metadata.description,
    attribution: metadata.attribution,
    vectorLayers: metadata.vectorLayers ?? [],
    loadedAt,
  };
}

/** Copies a file, fsyncing the copy, and answers the SHA-256 of what was copied. */
async function copyWithHash(from: string, to: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(from),
    new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    }),
    createWriteStream(to, { flags: 'wx', mode: 0o600 }),
  );
  const handle = await open(to, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export interface ImportBasemapOptions {
  /** The user id to record as the actor (null for the local operator at the CLI). */
  actor?: string | null;
  maxBytes?: number;
}

/**
 * Loads a regional extract (PMTiles v3, vector tiles in the Protomaps basemap schema) as the site's basemap,
 * replacing any loaded before. The file is checked first, then copied beside the database and put in place by a
 * rename inside the audited write, so a refused or failed import leaves the previous basemap and the audit log as
 * they were.
 */
export async function importBasemap(
  store: Store,
  path: string,
  options: ImportBasemapOptions = {},
): Promise<BasemapSummary & { sha256: string; replaced: boolean }> {
  const maxBytes = options.maxBytes ?? defaultMaxBasemapBytes;
  let bytes: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw refused([`${path} is not a file`]);
    bytes = st.size;
  } catch (err) {
    if (err instanceof SeamError) throw err;
    throw new SeamError('not_found', `cannot read basemap file ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  if (bytes > maxBytes) {
    throw new SeamError(
      'payload_too_large',
      `basemap file refused, nothing changed: it is ${bytes} bytes, over the limit of ${maxBytes} bytes`,
    );
  }
  const source = await BasemapArchive.open(path);
  try {
    await checkForImport(source, store.now().toISOString());
  } finally {
    await source.close();
  }

  const target = basemapFile(store);
  const suffix = randomBytes(6).toString('hex');
  const temp = `${target}.${suffix}.importing`;
  const previous = `${target}.${suffix}.previous`;
  let summary: BasemapSummary;
  let sha256: string;
  try {
    sha256 = await copyWithHash(path, temp);
    // The copy is what will be served: check it, not only the original.
    const copy = await BasemapArchive.open(temp);
    try {
      summary = await checkForImport(copy, store.now().toISOString());
    } finally {
      await copy.close();
    }
    if (summary.bytes !== bytes) throw new SeamError('conflict', `basemap file ${path} changed while it was copied`);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }

  let replaced = false;
  let moved = false;
  try {
    await store.write(options.actor ?? null, async (tx) => {
      await tx.audit({
        action: 'basemap.import',
        recordType: 'basemap',
        detail: {
          source: basename(path),
          bytes,
          sha256,
          bounds: summary.bounds,
          min_zoom: summary.minZoom,
          max_zoom: summary.maxZoom,
          attribution: summary.attribution,
        },
      });
      // Last in the transaction: if a rename fails, the audit entry is rolled back with it.
      try {
        renameSync(target, previous);
        replaced = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      renameSync(temp, target);
      moved = true;
    });
  } catch (err) {
    // The commit failed after the files moved: put the previous basemap back.
    if (moved) rmSync(target, { force: true });
    if (replaced) renameSync(previous, target);
    rmSync(temp, { force: true });
    throw err;
  }
  rmSync(previous, { force: true });
  return { ...summary, file: target, loadedAt: statSync(target).mtime.toISOString(), sha256, replaced };
}

/** The loaded basemap, or null when the site has none. */
export async function basemapSummary(store: Store): Promise<BasemapSummary | null> {
  const file = basemapFile(store);
  let archive: BasemapArchive;
  try {
    archive = await BasemapArchive.open(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return await inspectLoaded(archive);
  } finally {
    await archive.close();
  }
}

/** Removes the loaded basemap (audited); the map falls back to the built-in country outlines. */
export async function removeBasemap(store: Store, actor: string | null = null): Promise<{ bytes: number }> {
  const target = basemapFile(store);
  let bytes: number;
  try {
    bytes = statSync(target).size;
  } catch {
    throw new SeamError('not_found', 'no basemap is loaded');
  }
  const removed = `${target}.${randomBytes(6).toString('hex')}.removed`;
  let moved = false;
  try {
    await store.write(actor, async (tx) => {
      await tx.audit({ action: 'basemap.remove', recordType: 'basemap', detail: { bytes } });
      renameSync(target, removed);
      moved = true;
    });
  } catch (err) {
    if (moved) renameSync(removed, target);
    throw err;
  }
  rmSync(removed, { force: true });
  return { bytes };
}
