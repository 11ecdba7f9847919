import type { MapBoundary } from '../../service/boundary-map.ts';

/** Exactly what leaves the server of the map's boundaries: a GeoJSON FeatureCollection. */
export function presentBoundaryCollection(items: readonly MapBoundary[]) {
  return {
    type: 'FeatureCollection' as const,
    features: items.map((b) => ({
      type: 'Feature' as const,
      geometry: b.geometry,
      properties: {
        pcode: b.pcode,
        name_en: b.name,
        name_ar: b.nameAr,
        level: b.level,
        parent_pcode: b.parentPcode,
        label: b.label,
      },
    })),
  };
}
