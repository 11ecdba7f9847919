import { createHash } from 'node:crypto';
import { type Stats, statSync } from 'node:fs';
import { tileAddressProblem, tileTouchesBounds } from '../domain/basemap.ts';
import { SeamError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import { type BasemapSummary, basemapFile, inspectLoaded } from './basemap.ts';
import { BasemapArchive } from './basemap-archive.ts';

/** The loaded basemap as the map is told of it, with `version` naming this very file (it changes on re-import). */
export interface ServedBasemap {
  summary: BasemapSummary;
  version: string;
}

/** One tile of the served basemap: its MVT bytes (uncompressed), or why there is none. */
export type TileAnswer =
  | { kind: 'tile'; data: Buffer; etag: string; version: string }
  /** Inside the basemap's zooms and bounds but not stored: an empty tile (open ground, or sea), not an error. */
  | { kind: 'empty'; version: string };

interface Open {
  identity: string;
  archive: BasemapArchive;
  served: ServedBasemap;
}

// A superseded archive is closed after this long, so reads already under way on it finish first.
const closeAfterMs = 30_000;

function identityOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

/**
 * Serves tiles from the data directory's basemap file. The file is looked at on each request (one stat), so an
 * import or removal by `seam basemap` while the server runs takes effect at once; the open archive and its
 * directories are kept while the file is the same.
 */
export class BasemapTiles {
  readonly #file: string;
  #open: Promise<Open | null> | null = null;
  #identity: string | null = null;

  constructor(store: Store) {
    this.#file = basemapFile(store);
  }

  async #current(): Promise<Open | null> {
    let identity: string | null;
    try {
      identity = identityOf(statSync(this.#file));
    } catch {
      identity = null;
    }
    if (this.#open && identity === this.#identity) return this.#open;
    const stale = this.#open;
    this.#identity = identity;
    this.#open = identity === null ? Promise.resolve(null) : this.#load(identity);
    if (stale) {
      stale.then(
        (o) => {
          if (o) setTimeout(() => void o.archive.close().catch(() => {}), closeAfterMs).unref();
        },
        // An archive that never opened has nothing to close; its error was answered to the requests that met it.
        () => {},
      );
    }
    return this.#open;
  }

  async #load(identity: string): Promise<Open | null> {
    let archive: BasemapArchive;
    try {
      archive = await BasemapArchive.open(this.#file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    // The summary is of the very file the tiles are read from, even if another replaces it meanwhile.
    try {
      const summary = await inspectLoaded(archive);
      const version = createHash('sha256').update(identity).digest('base64url').slice(0, 12);
      return { identity, archive, served: { summary, version } };
    } catch (err) {
      await archive.close();
      throw err;
    }
  }

  /** The basemap being served, or null when none is loaded. */
  async served(): Promise<ServedBasemap | null> {
    return (await this.#current())?.served ?? null;
  }

  /** The tile z/x/y; a bad address is a validation error, and so is asking when no basemap is loaded a not-found. */
  async tile(z: number, x: number, y: number): Promise<TileAnswer> {
    const bad = tileAddressProblem(z, x, y);
    if (bad) throw new SeamError('validation', `${bad.field}: ${bad.reason}`, [bad]);
    const open = await this.#current();
    if (!open) throw new SeamError('not_found', 'no basemap is loaded');
    const { summary, version } = open.served;
    if (z < summary.minZoom || z > summary.maxZoom || !tileTouchesBounds(z, x, y, summary.bounds)) {
      throw new SeamError(
        'not_found',
        `tile ${z}/${x}/${y} lies outside the basemap (zooms ${summary.minZoom}–${summary.maxZoom}, bounds ${summary.bounds.join(', ')})`,
      );
    }
    const data = await open.archive.tile(z, x, y);
    if (!data) return { kind: 'empty', version };
    return { kind: 'tile', data, etag: `"${version}-${z}-${x}-${y}"`, version };
  }

  async close(): Promise<void> {
    const pending = this.#open;
    this.#open = null;
    this.#identity = null;
    const open = await pending?.catch(() => null);
    await open?.archive.close();
  }
}
