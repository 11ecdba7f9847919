import type { Feature, MultiPolygon, Polygon } from 'geojson';
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

/** The region whose neighbouring countries are named on the map (west, south, east, north). */
const labelledRegion = [34, 23, 56, 41];

/** A point to write a country's name at: the centre of the bounding box of its largest ring. */
function countryLabelPoint(geometry: Polygon | MultiPolygon): [number, number] | null {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
  let best: [number, number] | null = null;
  let bestSize = -1;
  for (const ring of rings) {
    const xs = ring.map((c) => c[0]);
    const ys = ring.map((c) => c[1]);
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if ((e - w) * (n - s) > bestSize) {
      bestSize = (e - w) * (n - s);
      best = [(w + e) / 2, (s + n) / 2];
    }
  }
  return best;
}

/** Country names near the line, then governorate and district names, in the interface's script where the data has it. */
export class PlaceLabels {
  private markers: Array<{ marker: maplibregl.Marker; level: number }> = [];
  private readonly map: maplibregl.Map;
  constructor(map: maplibregl.Map) {
    this.map = map;
  }

  show(
    countries: ReadonlyArray<Feature<Polygon | MultiPolygon, { name: string }>>,
    countryName: (englishName: string) => string,
    boundaries: readonly Boundary[],
    language: string,
    visible: boolean,
  ): void {
    this.clear();
    if (!visible) return;
    for (const c of countries) {
      const at = c.geometry ? countryLabelPoint(c.geometry) : null;
      if (
        !at ||
        at[0] < labelledRegion[0] ||
        at[0] > labelledRegion[2] ||
        at[1] < labelledRegion[1] ||
        at[1] > labelledRegion[3]
      )
        continue;
      this.add(countryName(c.properties.name), at, 0, language);
    }
    const arabicScript = language === 'ar' || language === 'ckb';
    for (const b of boundaries) {
      const p = b.properties;
      if (p.level > 2 || !p.label) continue;
      this.add((arabicScript && p.name_ar) || p.name_en, p.label, p.level, arabicScript && p.name_ar ? 'ar' : 'en');
    }
    this.zoomed();
  }

  private add(text: string, at: [number, number], level: number, lang: string): void {
    const el = document.createElement('div');
    el.className = `place-label level-${level}`;
    el.textContent = text;
    el.lang = lang;
    this.markers.push({ marker: new maplibregl.Marker({ element: el }).setLngLat(at).addTo(this.map), level });
  }

  /** Countries and governorates only when zoomed out; districts only when zoomed in far enough to read them. */
  zoomed(): void {
    const z = this.map.getZoom();
    for (const { marker, level } of this.markers) {
      const shown = level === 0 ? z < 7 : level === 1 ? z < 8.5 : z >= 7.5;
      marker.getElement().style.display = shown ? '' : 'none';
    }
  }

  clear(): void {
    for (const { marker } of this.markers) marker.remove();
    this.markers = [];
  }
}
