import * as maplibregl from 'maplibre-gl';
import { digitsOf, localeOf } from '../i18n/i18n.ts';

// Text on the map is drawn as HTML rather than with MapLibre's glyph fonts: no font server is needed, and the
// browser shapes Arabic and Kurdish script itself. Place names are in place-labels.ts.

/** A cluster MapLibre drew: its id, where it is and how many incidents it holds. */
export interface RenderedCluster {
  id: number;
  at: [number, number];
  count: number;
}

/** The incident clusters drawn in the current view, each once (a cluster on a tile edge is drawn on both tiles). */
export function renderedClusters(map: maplibregl.Map): RenderedCluster[] {
  if (!map.getLayer('incident-clusters')) return [];
  if (map.getLayoutProperty('incident-clusters', 'visibility') === 'none') return [];
  const out = new Map<number, RenderedCluster>();
  for (const f of map.queryRenderedFeatures({ layers: ['incident-clusters'] })) {
    const id = f.properties?.cluster_id as number | undefined;
    if (id === undefined || out.has(id)) continue;
    const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
    out.set(id, { id, at: [lon, lat], count: f.properties.point_count as number });
  }
  return [...out.values()];
}

/**
 * The incident count on each cluster in view, refreshed when the map comes to rest and when the language changes.
 * A cluster's id is only an index into the current point set: once the set or the zoom changes, the same id can name
 * another cluster elsewhere, so every refresh sets each label's position and text, never trusting an earlier one.
 */
export class ClusterLabels {
  private readonly markers = new Map<number, maplibregl.Marker>();
  private readonly map: maplibregl.Map;
  private language: string;
  constructor(map: maplibregl.Map, language: string) {
    this.map = map;
    this.language = language;
  }

  /** Rewrites every count in the digits of `language`. */
  setLanguage(language: string): void {
    this.language = language;
    this.update();
  }

  update(): void {
    const lang = this.language;
    const format = new Intl.NumberFormat(localeOf(lang), { notation: 'compact', numberingSystem: digitsOf(lang) });
    const clusters = renderedClusters(this.map);
    const seen = new Set<number>();
    for (const c of clusters) {
      seen.add(c.id);
      const text = format.format(c.count);
      let marker = this.markers.get(c.id);
      if (!marker) {
        const el = document.createElement('div');
        el.className = 'cluster-label';
        el.setAttribute('aria-hidden', 'true');
        marker = new maplibregl.Marker({ element: el }).setLngLat(c.at).addTo(this.map);
        this.markers.set(c.id, marker);
      }
      marker.setLngLat(c.at);
      const el = marker.getElement();
      el.textContent = text;
      el.lang = lang;
      el.dataset.count = String(c.count);
    }
    for (const [id, m] of this.markers)
      if (!seen.has(id)) {
        m.remove();
        this.markers.delete(id);
      }
  }

  clear(): void {
    for (const m of this.markers.values()) m.remove();
    this.markers.clear();
  }
}
