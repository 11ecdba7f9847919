import { namedFlavor, layers as protomapsLayers } from '@protomaps/basemaps';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { ApiError, api } from '../api/client.ts';

/** Country outlines (Natural Earth 1:50m via world-atlas), fetched from this server: no tile server is needed. */
export async function loadCountries(): Promise<FeatureCollection<Polygon | MultiPolygon, { name: string }>> {
  const response = await fetch(countriesUrl);
  if (!response.ok) throw new Error(`country outlines: ${response.status}`);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
}

/** The style the map starts from: sea, land and country borders only; everything else is added as data. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { countries: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#c9dbe6' } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f3f1ea' } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#8d8a80', 'line-width': 1.2 } },
    ],
  };
}

/** A site's vector basemap as the server describes it (TileJSON): an extract Seam serves, or the site's tile server. */
export interface SiteBasemap {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: [number, number, number, number];
  attribution?: string | null;
}

/** The site's vector basemap, or null when it has none (the map then draws the country outlines alone). */
export async function loadSiteBasemap(): Promise<SiteBasemap | null> {
  try {
    const b = await api<SiteBasemap>('/api/v1/basemap');
    // Tile URLs are fetched by the map's workers: Seam's own (a path) is made absolute, by hand, since URL() would
    // escape the template's braces.
    return { ...b, tiles: b.tiles.map((t) => (t.startsWith('/') ? `${window.location.origin}${t}` : t)) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The Protomaps basemap's layers (light flavour) without its symbol layers: text needs glyphs from a font server,
 * which an offline site does not have, so place names stay Seam's own HTML labels (countries, governorates,
 * districts), drawn by the browser in every script the app speaks. Its background is left out too, so outside the
 * extract the country outlines still show.
 */
export function basemapLayers(): LayerSpecification[] {
  return protomapsLayers('basemap', namedFlavor('light'))
    .filter((l) => l.type !== 'symbol' && l.type !== 'background')
    .map((l) => ({ ...l, id: `basemap-${l.id}` }) as LayerSpecification);
}

/** Draws the site's basemap over the built-in outlines and under every layer of the picture. */
export function addSiteBasemap(map: MapLibreMap, b: SiteBasemap): void {
  if (map.getSource('basemap')) return;
  map.addSource('basemap', {
    type: 'vector',
    tiles: b.tiles,
    minzoom: b.minzoom,
    maxzoom: b.maxzoom,
    ...(b.bounds ? { bounds: b.bounds } : {}),
    // The map shows attribution as HTML: the server sends plain text, escaped here.
    ...(b.attribution ? { attribution: escapeHtml(b.attribution) } : {}),
  });
  const style = map.getStyle().layers;
  const before = style[style.findIndex((l) => l.id === 'borders') + 1]?.id;
  for (const layer of basemapLayers()) map.addLayer(layer, before);
}
