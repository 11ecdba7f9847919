import type { Feature, MultiPolygon, Polygon } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { Areal } from '../../domain/geojson.ts';
import { labelPointInBox } from '../../geo/label-point.ts';
import { pointInAreal } from '../../geo/point-in-polygon.ts';
import type { Boundary, PlaceFeature } from '../api/types.ts';
import { renderedClusters } from './html-labels.ts';
import { clusterRadius } from './map-layers.ts';

type Kind = 'country' | 'governorate' | 'district' | 'town';
type Box = [number, number, number, number];

const gap = 3;
const overlap = (a: Box, b: Box) => a[0] < b[2] + gap && a[2] > b[0] - gap && a[1] < b[3] + gap && a[3] > b[1] - gap;

interface Label {
  kind: Kind;
  marker: maplibregl.Marker;
  /** Lower is placed first: a label that would overlap one placed before it is hidden. */
  priority: number;
  minZoom: number;
  maxZoom: number;
  /** A country's outline: its label moves to where the country shows in the view. */
  area?: Polygon | MultiPolygon;
}

export type Country = Feature<Polygon | MultiPolygon, { name: string }>;

export interface PlaceLabelContent {
  countries: readonly Country[];
  countryName: (englishName: string) => string;
  boundaries: readonly Boundary[];
  places: readonly PlaceFeature[];
  language: string;
  visible: boolean;
}

/**
 * A name in the reader's language and the language it is written in. Arabic readers get the Arabic name. Central
 * Kurdish readers get the Sorani name, else the Arabic one: Sorani is written in Arabic script, so an Arabic spelling
 * reads in the same script and direction as the rest of their map, where a Latin name would not. Otherwise English.
 */
export function localName(
  names: { en: string; ar: string | null; ckb?: string | null },
  language: string,
): { text: string; lang: string } {
  if (language === 'ckb' && names.ckb) return { text: names.ckb, lang: 'ckb' };
  if ((language === 'ar' || language === 'ckb') && names.ar) return { text: names.ar, lang: 'ar' };
  return { text: names.en, lang: 'en' };
}

// Zoom ranges: countries and governorates while the region is in view; districts and villages once close enough to
// read them; towns by rank (1 major city … 4 village).
const townZoom: Record<number, number> = { 1: 0, 2: 6.5, 3: 7.5, 4: 8.5 };
// A major city outranks its governorate's name (often the same name, and the city says where it is).
const townPriority: Record<number, number> = { 1: 1, 2: 3, 3: 5, 4: 6 };

/**
 * Where a town's name may go around its dot, best first: below, above, after and before it. `w` and `h` are the size
 * of the label laid out below its dot (the dot, 8 px with its border, over the name); beside it, the dot and a 2 px
 * gap sit before the name on one line.
 */
function townSpots(w: number, h: number) {
  const besideW = w + 10;
  const besideH = h - 8;
  return [
    { side: 'below', dx: 0, dy: h / 2 - 4, w, h },
    { side: 'above', dx: 0, dy: -(h / 2 - 4), w, h },
    { side: 'after', dx: besideW / 2 - 4, dy: 0, w: besideW, h: besideH },
    { side: 'before', dx: -(besideW / 2 - 4), dy: 0, w: besideW, h: besideH },
  ];
}

/** Country, governorate, district and town names, in the reader's language, thinned so none overlaps another. */
export class PlaceLabels {
  private labels: Label[] = [];
  private readonly map: maplibregl.Map;
  constructor(map: maplibregl.Map) {
    this.map = map;
  }

  show(content: PlaceLabelContent): void {
    this.clear();
    if (!content.visible) return;
    const { language } = content;
    // The country whose boundaries are loaded is named by its governorates; its neighbours by their own name.
    const home = content.boundaries.find((b) => b.properties.level === 1)?.properties.label;
    for (const c of content.countries) {
      if (!c.geometry || (home && pointInAreal(home, c.geometry as Areal))) continue;
      const name = content.countryName(c.properties.name);
      this.add('country', { text: name, lang: language }, null, { priority: 0, minZoom: 0, maxZoom: 9 }, c.geometry);
    }
    for (const b of content.boundaries) {
      const p = b.properties;
      if (p.level > 2 || !p.label) continue;
      const name = localName({ en: p.name_en, ar: p.name_ar }, language);
      if (p.level === 1) this.add('governorate', name, p.label, { priority: 2, minZoom: 5.5, maxZoom: 9 });
      else this.add('district', name, p.label, { priority: 4, minZoom: 8, maxZoom: 24 });
    }
    for (const f of content.places) {
      const p = f.properties;
      const name = localName({ en: p.name_en, ar: p.name_ar, ckb: p.name_ckb }, language);
      const at = f.geometry.coordinates as [number, number];
      this.add(
        'town',
        name,
        at,
        { priority: townPriority[p.rank] ?? 6, minZoom: townZoom[p.rank] ?? 8.5, maxZoom: 24 },
        undefined,
        p.rank,
      );
    }
    // Placed in priority order once, so each refresh walks them in that order.
    this.labels.sort((a, b) => a.priority - b.priority);
    this.refresh();
  }

  private add(
    kind: Kind,
    name: { text: string; lang: string },
    at: [number, number] | null,
    rule: { priority: number; minZoom: number; maxZoom: number },
    area?: Polygon | MultiPolygon,
    rank?: number,
  ): void {
    const el = document.createElement('div');
    el.className = `place-label ${kind}${rank ? ` rank-${rank}` : ''}`;
    el.dataset.kind = kind;
    if (kind === 'town') {
      const dot = document.createElement('span');
      dot.className = 'town-dot';
      const text = document.createElement('span');
      text.textContent = name.text;
      el.append(dot, text);
    } else el.textContent = name.text;
    el.lang = name.lang;
    const marker = new maplibregl.Marker({ element: el });
    marker.setLngLat(at ?? [0, 0]);
    if (!area) marker.addTo(this.map);
    this.labels.push({ kind, marker, ...rule, area });
  }

  /** Shows the labels the zoom calls for, moves country names into view, and hides any that would overlap. */
  refresh(): void {
    const z = this.map.getZoom();
    const bounds = this.map.getBounds();
    const [w, s, e, n] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    // Country names keep clear of the view's edges, where the controls are.
    const inset: [number, number, number, number] = [
      w + (e - w) * 0.08,
      s + (n - s) * 0.08,
      e - (e - w) * 0.08,
      n - (n - s) * 0.08,
    ];
    const wanted: Label[] = [];
    for (const l of this.labels) {
      let shown = z >= l.minZoom && z < l.maxZoom;
      if (shown && l.area) {
        const at = labelPointInBox(l.area as Areal, inset, 0.004);
        if (at) {
          l.marker.setLngLat(at as [number, number]);
          if (!l.marker.getElement().isConnected) l.marker.addTo(this.map);
        } else shown = false;
      }
      const el = l.marker.getElement();
      el.style.display = shown ? '' : 'none';
      el.style.visibility = 'hidden';
      // Measured laid out below the dot; the placing below picks the side.
      if (l.kind === 'town') el.dataset.side = 'below';
      if (shown) wanted.push(l);
    }
    // One layout for all the measuring (sizes only: MapLibre moves markers in its next frame, so where each will be
    // drawn comes from the map's projection), then the greedy pass in priority order: a town's name goes below its
    // dot, else above it; any label that would overlap a cluster or a label placed before it stays hidden.
    const sizes = wanted.map((l) => [l.marker.getElement().offsetWidth, l.marker.getElement().offsetHeight]);
    const placed: Box[] = renderedClusters(this.map).map((c) => {
      const p = this.map.project(c.at);
      const r = clusterRadius(c.count);
      return [p.x - r, p.y - r, p.x + r, p.y + r];
    });
    wanted.forEach((l, i) => {
      const p = this.map.project(l.marker.getLngLat());
      const [w, h] = sizes[i];
      const el = l.marker.getElement();
      for (const spot of l.kind === 'town' ? townSpots(w, h) : [{ side: '', dx: 0, dy: 0, w, h }]) {
        const r: Box = [
          p.x + spot.dx - spot.w / 2,
          p.y + spot.dy - spot.h / 2,
          p.x + spot.dx + spot.w / 2,
          p.y + spot.dy + spot.h / 2,
        ];
        if (placed.some((q) => overlap(r, q))) continue;
        if (l.kind === 'town') {
          el.dataset.side = spot.side;
          l.marker.setOffset([spot.dx, spot.dy]);
        }
        el.style.visibility = '';
        placed.push(r);
        return;
      }
      el.style.display = 'none';
    });
  }

  clear(): void {
    for (const { marker } of this.labels) marker.remove();
    this.labels = [];
  }
}
