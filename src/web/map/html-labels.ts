import * as maplibregl from 'maplibre-gl';
import type { Boundary } from '../api/types.ts';
import { localeOf } from '../i18n/i18n.ts';

// Text on the map is drawn as HTML rather than with MapLibre's glyph fonts: no font server is needed, and the
// browser shapes Arabic and Kurdish script itself.

/** The incident count on each cluster in view, refreshed when the map comes to rest. */
export class ClusterLabels {
  private readonly markers = new Map<number, maplibregl.Marker>();
  private readonly map: maplibregl.Map;
  constructor(map: maplibregl.Map) {
    this.map = map;
  }

  update(): void {
    if (!this.map.getLayer('incident-clusters')) return;
    const visible = this.map.getLayoutProperty('incident-clusters', 'visibility') !== 'none';
    const seen = new Set<number>();
    if (visible) {
      const format = new Intl.NumberFormat(localeOf(document.documentElement.lang), { notation: 'compact' });
      for (const f of this.map.queryRenderedFeatures({ layers: ['incident-clusters'] })) {
        const id = f.properties?.cluster_id as number | undefined;
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        const text = format.format(f.properties.point_count as number);
        const existing = this.markers.get(id);
        if (existing) {
          existing.getElement().textContent = text;
          continue;
        }
        const el = document.createElement('div');
        el.className = 'cluster-label';
        el.textContent = text;
        el.setAttribute('aria-hidden', 'true');
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
        this.markers.set(id, new maplibregl.Marker({ element: el }).setLngLat([lon, lat]).addTo(this.map));
      }
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

/** Governorate and district names at their label points, in the interface's script where the data has it. */
export class PlaceLabels {
  private markers: Array<{ marker: maplibregl.Marker; level: number }> = [];
  private readonly map: maplibregl.Map;
  constructor(map: maplibregl.Map) {
    this.map = map;
  }

  show(boundaries: readonly Boundary[], language: string, visible: boolean): void {
    this.clear();
    if (!visible) return;
    const arabicScript = language === 'ar' || language === 'ckb';
    for (const b of boundaries) {
      const p = b.properties;
      if (p.level > 2 || !p.label) continue;
      const el = document.createElement('div');
      el.className = `place-label level-${p.level}`;
      el.textContent = (arabicScript && p.name_ar) || p.name_en;
      el.lang = arabicScript && p.name_ar ? 'ar' : 'en';
      this.markers.push({
        marker: new maplibregl.Marker({ element: el }).setLngLat(p.label).addTo(this.map),
        level: p.level,
      });
    }
    this.zoomed();
  }

  /** Districts only when zoomed in far enough to read them; governorates only when zoomed out. */
  zoomed(): void {
    const z = this.map.getZoom();
    for (const { marker, level } of this.markers) {
      const shown = level === 1 ? z < 8.5 : z >= 7.5;
      marker.getElement().style.display = shown ? '' : 'none';
    }
  }

  clear(): void {
    for (const { marker } of this.markers) marker.remove();
    this.markers = [];
  }
}
