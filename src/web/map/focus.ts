import type { Map as MapLibreMap } from 'maplibre-gl';

/** Where "show on map" takes the map: a point at a zoom, or a box. A new object each time, so it moves again. */
export type Focus =
  | { kind: 'point'; lon: number; lat: number; zoom?: number }
  | { kind: 'bounds'; bounds: [number, number, number, number] };

/** Moves the map to the focus. */
export function focusMap(map: MapLibreMap, focus: Focus): void {
  if (focus.kind === 'point')
    map.flyTo({ center: [focus.lon, focus.lat], zoom: focus.zoom ?? Math.max(map.getZoom(), 10) });
  else map.fitBounds(focus.bounds, { padding: 40, maxZoom: 12 });
}

/** The bounding box of any GeoJSON geometry's coordinates. */
export function boundsOf(geometry: { coordinates: unknown }): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1] as number);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1] as number);
    } else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(geometry.coordinates);
  return box;
}
