/**
 * A site's basemap: a regional extract of vector tiles (PMTiles v3, Protomaps basemap schema) that the site loads
 * once, or a tile server of its own. These rules are pure: the caller reads the file and hands the values in.
 */

/** The header fields of a PMTiles v3 archive that decide whether Seam can serve it. */
export interface BasemapHeader {
  specVersion: number;
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  jsonMetadataOffset: number;
  jsonMetadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength?: number;
  tileDataOffset: number;
  tileDataLength?: number;
  numAddressedTiles: number;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** PMTiles' header is the first 127 bytes of the file. */
export const pmtilesHeaderBytes = 127;
/** The deepest zoom a tile address may have (z 30 already has 2^60 tiles). */
export const maxTileZoom = 30;

const tileTypeNames: Record<number, string> = {
  0: 'an unknown tile type',
  1: 'vector tiles (MVT)',
  2: 'raster tiles (PNG)',
  3: 'raster tiles (JPEG)',
  4: 'raster tiles (WebP)',
  5: 'raster tiles (AVIF)',
  6: 'vector tiles in MapLibre Tiles format (MLT)',
};
// Seam reads what Node can decompress without a native module: none or gzip (what `pmtiles extract` writes).
const compressionNames: Record<number, string> = { 0: 'unknown', 1: 'none', 2: 'gzip', 3: 'brotli', 4: 'zstd' };
const readableCompression = new Set([1, 2]);

/** Every reason a PMTiles header cannot be served as the basemap, for a file of `fileBytes` bytes; empty when none. */
export function basemapHeaderProblems(h: BasemapHeader, fileBytes: number): string[] {
  const problems: string[] = [];
  if (h.specVersion !== 3) problems.push(`it is PMTiles version ${h.specVersion}; Seam reads version 3`);
  if (h.tileType !== 1) {
    problems.push(
      `it holds ${tileTypeNames[h.tileType] ?? `tile type ${h.tileType}`}; the basemap must be vector tiles (MVT) in the Protomaps basemap schema`,
    );
  }
  for (const [what, c] of [
    ['tile', h.tileCompression],
    ['directory', h.internalCompression],
  ] as const) {
    if (!readableCompression.has(c)) {
      problems.push(`its ${what} compression is ${compressionNames[c] ?? c}; Seam reads none or gzip`);
    }
  }
  if (!(Number.isInteger(h.minZoom) && Number.isInteger(h.maxZoom) && h.minZoom <= h.maxZoom && h.maxZoom <= 24)) {
    problems.push(`its zooms ${h.minZoom}–${h.maxZoom} are not a range within 0–24`);
  }
  const lonOk = (x: number) => Number.isFinite(x) && x >= -180 && x <= 180;
  const latOk = (y: number) => Number.isFinite(y) && y >= -90 && y <= 90;
  if (
    !(
      lonOk(h.minLon) &&
      lonOk(h.maxLon) &&
      latOk(h.minLat) &&
      latOk(h.maxLat) &&
      h.minLon < h.maxLon &&
      h.minLat < h.maxLat
    )
  ) {
    problems.push(
      `its bounds ${h.minLon}, ${h.minLat}, ${h.maxLon}, ${h.maxLat} are not west, south, east, north in degrees`,
    );
  }
  if (h.numAddressedTiles < 1) problems.push('it holds no tiles');
  const sections: Array<[string, number, number | undefined]> = [
    ['root directory', h.rootDirectoryOffset, h.rootDirectoryLength],
    ['metadata', h.jsonMetadataOffset, h.jsonMetadataLength],
    ['leaf directories', h.leafDirectoryOffset, h.leafDirectoryLength],
    ['tile data', h.tileDataOffset, h.tileDataLength],
  ];
  for (const [name, offset, length] of sections) {
    const len = length ?? 0;
    if (!(Number.isSafeInteger(offset) && Number.isSafeInteger(len) && len >= 0)) {
      problems.push(`its ${name} position is not a whole number`);
    } else if (len > 0 && (offset < pmtilesHeaderBytes || offset + len > fileBytes)) {
      problems.push(
        `its ${name} (bytes ${offset}–${offset + len}) lies outside the file of ${fileBytes} bytes (truncated?)`,
      );
    }
  }
  if (h.rootDirectoryLength < 1) problems.push('its root directory is empty');
  return problems;
}

/** The Protomaps basemap schema's layers; an extract in that schema has at least `earth`. */
export const protomapsLayers = [
  'earth',
  'water',
  'landcover',
  'landuse',
  'roads',
  'boundaries',
  'buildings',
  'places',
  'pois',
  'transit',
];

/** Why an archive's vector layers are not the Protomaps basemap schema, or null when they are. */
export function schemaProblem(vectorLayerIds: readonly string[] | null): string | null {
  if (vectorLayerIds === null)
    return 'its metadata names no vector_layers, so its schema is unknown; the basemap must be in the Protomaps basemap schema';
  if (!vectorLayerIds.includes('earth')) {
    const shown = vectorLayerIds.slice(0, 8).join(', ') || 'none';
    return `its layers (${shown}) are not the Protomaps basemap schema's (earth, water, roads, places, …)`;
  }
  return null;
}

/** Why z/x/y is not a tile address, or null when it is one. */
export function tileAddressProblem(z: number, x: number, y: number): { field: 'z' | 'x' | 'y'; reason: string } | null {
  if (!Number.isInteger(z) || z < 0 || z > maxTileZoom)
    return { field: 'z', reason: `must be a whole number from 0 to ${maxTileZoom}` };
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n)
    return { field: 'x', reason: `must be a whole number from 0 to ${n - 1} at zoom ${z}` };
  if (!Number.isInteger(y) || y < 0 || y >= n)
    return { field: 'y', reason: `must be a whole number from 0 to ${n - 1} at zoom ${z}` };
  return null;
}

/** Whether the tile z/x/y (Web Mercator, y down) touches the bounds west, south, east, north. */
export function tileTouchesBounds(
  z: number,
  x: number,
  y: number,
  bounds: readonly [number, number, number, number],
): boolean {
  const n = 2 ** z;
  const lon = (i: number) => (i / n) * 360 - 180;
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
  const [w, s, e, north] = bounds;
  return lon(x) <= e && lon(x + 1) >= w && lat(y + 1) <= north && lat(y) >= s;
}

/**
 * An attribution as plain text: an archive's metadata often carries HTML links, and the map shows attribution as
 * HTML, so tags are dropped, a few entities decoded and the length limited; the web app escapes what is left.
 */
export function plainAttribution(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/&lt;|&gt;|&quot;|&#39;|&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text.slice(0, 300);
}

/** Why a tile URL template cannot be the site's tile server, or null when it can; it must name {z}, {x} and {y}. */
export function tileUrlProblem(template: string): string | null {
  if (template.length > 2000) return 'is longer than 2,000 characters';
  for (const p of ['{z}', '{x}', '{y}'])
    if (!template.includes(p)) return `must contain ${p} (e.g. https://tiles.example.org/{z}/{x}/{y}.mvt)`;
  let url: URL;
  try {
    url = new URL(template.replace(/\{[zxy]\}/g, '0'));
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.origin === 'null') return 'has no origin';
  return null;
}

/** The origin (scheme, host, port) of a valid tile URL template: what the page's Content-Security-Policy must allow. */
export function tileUrlOrigin(template: string): string {
  return new URL(template.replace(/\{[zxy]\}/g, '0')).origin;
}
