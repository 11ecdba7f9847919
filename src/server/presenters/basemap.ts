import type { ServedBasemap } from '../../service/basemap-tiles.ts';

/** The Protomaps basemap's zooms: a site's own tile server is assumed to serve the same range. */
const configuredZooms = { minzoom: 0, maxzoom: 15 };

/**
 * Exactly what leaves the server of the basemap: TileJSON 3.0.0. The served file's tile URL carries its version,
 * so a browser's cached tiles of an earlier file are never drawn after a new one is loaded.
 */
export function presentServedBasemap(b: ServedBasemap) {
  const s = b.summary;
  return {
    tilejson: '3.0.0',
    source: 'served' as const,
    name: s.name,
    description: s.description,
    attribution: s.attribution,
    scheme: 'xyz',
    tiles: [`/api/v1/basemap/{z}/{x}/{y}.mvt?v=${b.version}`],
    minzoom: s.minZoom,
    maxzoom: s.maxZoom,
    bounds: s.bounds,
    center: [...s.center, s.minZoom],
    vector_layers: s.vectorLayers.map((id) => ({ id, fields: {} })),
    bytes: s.bytes,
    loaded_at: s.loadedAt,
  };
}

/** TileJSON for the site's own tile server (`--tile-url`): what the map needs to draw from it. */
export function presentConfiguredBasemap(tileUrl: string) {
  return {
    tilejson: '3.0.0',
    source: 'configured' as const,
    scheme: 'xyz',
    tiles: [tileUrl],
    ...configuredZooms,
  };
}
