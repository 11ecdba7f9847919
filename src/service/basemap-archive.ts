import { type FileHandle, open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { bytesToHeader, Compression, PMTiles, type RangeResponse, ResolvedValueCache, type Source } from 'pmtiles';
import { type BasemapHeader, plainAttribution, pmtilesHeaderBytes } from '../domain/basemap.ts';

const gunzipAsync = promisify(gunzip);

/** pmtiles reads byte ranges through a Source; its own FileSource is the browser's File API, this one is Node's. */
class NodeFileSource implements Source {
  readonly #path: string;
  readonly #handle: FileHandle;
  readonly #size: number;

  constructor(path: string, handle: FileHandle, size: number) {
    this.#path = path;
    this.#handle = handle;
    this.#size = size;
  }

  getKey(): string {
    return this.#path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    // Like an HTTP range, a read may end early at the end of the file (pmtiles asks for the first 16 KB of any
    // archive); one that starts past the end is a damaged archive, not something to answer with nothing.
    if (offset < 0 || length < 0 || offset > this.#size) {
      throw new Error(`bytes ${offset}–${offset + length} lie outside the file of ${this.#size} bytes`);
    }
    length = Math.min(length, this.#size - offset);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await this.#handle.read(buffer, read, length - read, offset + read);
      if (bytesRead === 0) throw new Error(`the file ended at byte ${offset + read}`);
      read += bytesRead;
    }
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + length) as ArrayBuffer };
  }
}

// Node's zlib rather than pmtiles' default (the DecompressionStream of browsers): same result, no stream plumbing.
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression === Compression.Gzip) {
    const out = await gunzipAsync(new Uint8Array(buf));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  }
  throw new Error(`compression ${compression} is not supported`);
}

/** What an archive's JSON metadata says about itself, as far as Seam shows it. */
export interface ArchiveMetadata {
  name: string | null;
  description: string | null;
  attribution: string | null;
  /** The ids of its vector layers, or null when the metadata names none. */
  vectorLayers: string[] | null;
}

const text = (v: unknown, max = 300) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null);

/** An open PMTiles archive on disk, read through the `pmtiles` package. Close it when done. */
export class BasemapArchive {
  readonly path: string;
  readonly bytes: number;
  /** When the file was last written, UTC. */
  readonly modifiedAt: string;
  readonly #handle: FileHandle;
  readonly #tiles: PMTiles;

  private constructor(path: string, handle: FileHandle, bytes: number, modifiedAt: Date) {
    this.path = path;
    this.#handle = handle;
    this.bytes = bytes;
    this.modifiedAt = modifiedAt.toISOString();
    this.#tiles = new PMTiles(
      new NodeFileSource(path, handle, bytes),
      new ResolvedValueCache(64, false, decompress),
      decompress,
    );
  }

  /** Opens the file (throws the file system's error when it cannot). */
  static async open(path: string): Promise<BasemapArchive> {
    const handle = await open(path, 'r');
    try {
      const { size, mtime } = await handle.stat();
      return new BasemapArchive(path, handle, size, mtime);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /**
   * The archive's header, read from its first 127 bytes alone, so it can be checked before pmtiles reads the
   * directories it points to. Throws, saying why, when the file is not a PMTiles archive at all.
   */
  async header(): Promise<BasemapHeader> {
    const buffer = Buffer.alloc(Math.min(pmtilesHeaderBytes, this.bytes));
    await this.#handle.read(buffer, 0, buffer.length, 0);
    if (buffer.subarray(0, 7).toString('latin1') !== 'PMTiles') {
      throw new Error('it is not a PMTiles archive (it does not begin with "PMTiles")');
    }
    if (buffer.length < pmtilesHeaderBytes) throw new Error(`it ends after ${buffer.length} bytes, inside the header`);
    const version = buffer[7];
    if (version !== 3) throw new Error(`it is PMTiles version ${version}; Seam reads version 3`);
    return bytesToHeader(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + pmtilesHeaderBytes) as ArrayBuffer);
  }

  async metadata(): Promise<ArchiveMetadata> {
    const m = (await this.#tiles.getMetadata()) as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new Error('its metadata is not a JSON object');
    const layers = Array.isArray(m.vector_layers)
      ? m.vector_layers.map((l) => (l && typeof l === 'object' ? String((l as { id?: unknown }).id ?? '') : ''))
      : null;
    return {
      name: text(m.name, 200),
      description: text(m.description),
      attribution: plainAttribution(m.attribution),
      vectorLayers: layers,
    };
  }

  /** The tile's MVT bytes, uncompressed, or null when the archive has no tile there. */
  async tile(z: number, x: number, y: number): Promise<Buffer | null> {
    const r = await this.#tiles.getZxy(z, x, y);
    return r ? Buffer.from(r.data) : null;
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}
