import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

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
