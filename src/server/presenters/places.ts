import type { Place } from '../../domain/place.ts';

/** Exactly what leaves the server of the gazetteer: a GeoJSON FeatureCollection of points, named like the boundaries. */
export function presentPlaceCollection(items: readonly Place[]) {
  return {
    type: 'FeatureCollection' as const,
    features: items.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: {
        id: p.id,
        name_en: p.name,
        name_ar: p.nameAr,
        name_ckb: p.nameCkb,
        population: p.population,
        rank: p.rank,
      },
    })),
  };
}
