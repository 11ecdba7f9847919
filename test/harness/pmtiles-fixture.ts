import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { encodeTile, type TileLayer, tileExtent } from './vector-tiles.ts';

/**
 * A PMTiles v3 writer (single root directory, no leaf directories) and a small basemap extract over northern Iraq
 * in the Protomaps basemap schema, so basemap tests need no internet and no binary fixture.
 */

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  tileType?: number;
  /** 1 none, 2 gzip (for both tiles and the directory). */
  compression?: 1 | 2;
  bounds: [number, number, number, number];
  minZoom: number;
  maxZoom: number;
  metadata: Record<string, unknown>;
}

class Bytes {
  readonly out: number[] = [];
  varint(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.out.push(v);
  }
}

function serializeDirectory(entries: Array<{ tileId: number; offset: number; length: number }>): Uint8Array {
  const b = new Bytes();
  b.varint(entries.length);
  let last = 0;
  for (const e of entries) {
    b.varint(e.tileId - last);
    last = e.tileId;
  }
  for (const _ of entries) b.varint(1);
  for (const e of entries) b.varint(e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    b.varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(b.out);
}

/** Writes the tiles as a PMTiles v3 archive. */
export function buildArchive(tiles: readonly ArchiveTile[], o: ArchiveOptions): Buffer {
  const compression = o.compression ?? 2;
  const pack = (d: Uint8Array) => (compression === 2 ? gzipSync(d) : Buffer.from(d));
  const sorted = tiles.map((t) => ({ ...t, tileId: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.tileId - b.tileId);
  const chunks: Buffer[] = [];
  let offset = 0;
  const entries = sorted.map((t) => {
    const data = pack(t.data);
    chunks.push(data);
    const entry = { tileId: t.tileId, offset, length: data.length };
    offset += data.length;
    return entry;
  });
  const tileData = Buffer.concat(chunks);
  const root = pack(serializeDirectory(entries));
  const metadata = pack(new TextEncoder().encode(JSON.stringify(o.metadata)));

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const rootOffset = 127;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const dataOffset = leafOffset;
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leafOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tileData.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  header[96] = 1;
  header[97] = compression;
  header[98] = compression;
  header[99] = o.tileType ?? 1;
  header[100] = o.minZoom;
  header[101] = o.maxZoom;
  const e7 = (v: number) => Math.round(v * 1e7);
  const [w, s, e, n] = o.bounds;
  header.writeInt32LE(e7(w), 102);
  header.writeInt32LE(e7(s), 106);
  header.writeInt32LE(e7(e), 110);
  header.writeInt32LE(e7(n), 114);
  header[118] = o.minZoom;
  header.writeInt32LE(e7((w + e) / 2), 119);
  header.writeInt32LE(e7((s + n) / 2), 123);
  return Buffer.concat([header, root, metadata, tileData]);
}

const lonToX = (lon: number, z: number) => ((lon + 180) / 360) * 2 ** z;
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
};

/** The extract's extent: the map's opening view over the coordination line, west, south, east, north. */
export const fixtureBounds: [number, number, number, number] = [41, 33, 47, 38];
/** A lake where Mosul Dam's reservoir lies: the fixture's water, west, south, east, north. */
export const fixtureLake: [number, number, number, number] = [42.6, 36.5, 43.3, 37.0];
export const fixtureZooms = { min: 0, max: 6 };

/** The tiles z/x/y that cover the bounds at zoom z. */
export function tilesCovering(bounds: readonly [number, number, number, number], z: number): Array<[number, number]> {
  const [w, s, e, n] = bounds;
  const out: Array<[number, number]> = [];
  for (let x = Math.floor(lonToX(w, z)); x <= Math.floor(lonToX(e, z)); x++)
    for (let y = Math.floor(latToY(n, z)); y <= Math.floor(latToY(s, z)); y++) out.push([x, y]);
  return out;
}

/** A lon/lat rectangle in the tile coordinates of z/x/y, clipped to the tile with a small buffer. */
function rectangleInTile(rect: readonly [number, number, number, number], z: number, x: number, y: number) {
  const buffer = 64;
  const clamp = (v: number) => Math.max(-buffer, Math.min(tileExtent + buffer, v));
  const tx = (lon: number) => clamp((lonToX(lon, z) - x) * tileExtent);
  const ty = (lat: number) => clamp((latToY(lat, z) - y) * tileExtent);
  const [w, s, e, n] = rect;
  return [
    [tx(w), ty(n)],
    [tx(e), ty(n)],
    [tx(e), ty(s)],
    [tx(w), ty(s)],
  ] as Array<[number, number]>;
}

/** The layers of one fixture tile: land over the whole tile, and the lake where the tile touches it. */
export function fixtureTileLayers(z: number, x: number, y: number): TileLayer[] {
  const whole: Array<[number, number]> = [
    [-64, -64],
    [tileExtent + 64, -64],
    [tileExtent + 64, tileExtent + 64],
    [-64, tileExtent + 64],
  ];
  const layers: TileLayer[] = [{ name: 'earth', features: [{ rings: [whole], properties: { kind: 'earth' } }] }];
  const [w, s, e, n] = fixtureLake;
  const inTile = tilesCovering([w, s, e, n], z).some(([tx, ty]) => tx === x && ty === y);
  if (inTile) {
    layers.push({
      name: 'water',
      features: [
        { rings: [rectangleInTile(fixtureLake, z, x, y)], properties: { kind: 'lake', name: 'Mosul Dam Lake' } },
      ],
    });
  }
  return layers;
}

const protomapsMetadata = {
  name: 'Seam test extract',
  description: 'Earth and one lake over northern Iraq, zooms 0–6',
  attribution:
    '<a href="https://github.com/protomaps/basemaps">Protomaps</a> &copy; <a href="https://openstreetmap.org">OpenStreetMap</a>',
  type: 'baselayer',
  vector_layers: [
    { id: 'earth', fields: { kind: 'String' } },
    { id: 'water', fields: { kind: 'String', name: 'String' } },
  ],
};

/**
 * The fixture extract: Protomaps-schema earth and water tiles at zooms 0–6 over northern Iraq. `leaveOut` names
 * tiles ("z/x/y") to omit, so a covered but absent tile can be asked for.
 */
export function fixtureArchive(options: { leaveOut?: string[]; tileType?: number; compression?: 1 | 2 } = {}): Buffer {
  const tiles: ArchiveTile[] = [];
  for (let z = fixtureZooms.min; z <= fixtureZooms.max; z++)
    for (const [x, y] of tilesCovering(fixtureBounds, z)) {
      if (options.leaveOut?.includes(`${z}/${x}/${y}`)) continue;
      tiles.push({ z, x, y, data: encodeTile(fixtureTileLayers(z, x, y)) });
    }
  return buildArchive(tiles, {
    tileType: options.tileType,
    compression: options.compression,
    bounds: fixtureBounds,
    minZoom: fixtureZooms.min,
    maxZoom: fixtureZooms.max,
    metadata: protomapsMetadata,
  });
}

/** Writes the fixture extract into dir and returns its path. */
export function writeFixtureArchive(
  dir: string,
  name = 'iraq-north.pmtiles',
  options: Parameters<typeof fixtureArchive>[0] = {},
): string {
  const path = join(dir, name);
  writeFileSync(path, fixtureArchive(options));
  return path;
}
