import type { Position } from '../domain/geojson.ts';
import type { Place } from '../domain/place.ts';
import { placeNameKey } from '../domain/place-name.ts';
import type { NameSet, SitrepPlace } from '../domain/sitrep.ts';
import { distanceKm } from '../geo/distance.ts';
import { toMgrs } from '../geo/mgrs.ts';
import type { Store } from '../store/store.ts';

/** How far a gazetteer town may be from a point and still name it. */
const nearestTownKm = 25;

/** Names points of a report: the gazetteer town a point lies at or near, and its MGRS. */
export interface SitrepPlaces {
  /** A point, named after the given place name where the gazetteer knows it, else after the nearest town. */
  at(position: Position, given?: string | null, mgrsDigits?: number): SitrepPlace;
  /** A district's names by its place code (English and Arabic where the boundary file gives them). */
  district(ref: { name: string; pcode: string } | null): NameSet | null;
}

function namesOfPlace(p: Place): NameSet {
  return { en: p.name, ar: p.nameAr, ckb: p.nameCkb };
}

/** The site's gazetteer and districts, loaded once for one report. */
export async function sitrepPlaces(store: Store): Promise<SitrepPlaces> {
  const places = await store.places.list();
  const byName = new Map<string, Place>();
  for (const p of places)
    for (const n of [p.name, p.nameAr, p.nameCkb]) if (n) byName.set(placeNameKey(n), byName.get(placeNameKey(n)) ?? p);
  const districts = new Map((await store.boundaries.summaries(2)).map((b) => [b.pcode, b]));
  const nearest = (at: Position): Place | null => {
    let best: Place | null = null;
    let bestKm = nearestTownKm;
    for (const p of places) {
      const km = distanceKm(at, [p.lon, p.lat]);
      if (km <= bestKm) [best, bestKm] = [p, km];
    }
    return best;
  };
  return {
    at(position, given = null, mgrsDigits = 5) {
      const mgrs = toMgrs(position[0], position[1], mgrsDigits);
      if (given) {
        const known = byName.get(placeNameKey(given));
        return { name: known ? namesOfPlace(known) : { en: given, ar: null, ckb: null }, mgrs };
      }
      const town = nearest(position);
      return { name: town ? namesOfPlace(town) : null, mgrs };
    },
    district(ref) {
      if (!ref) return null;
      const b = districts.get(ref.pcode);
      return { en: b?.name ?? ref.name, ar: b?.nameAr ?? null, ckb: null };
    },
  };
}
