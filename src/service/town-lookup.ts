import type { AdminLevel } from '../domain/admin-boundary.ts';
import { SeamError } from '../domain/errors.ts';
import type { Place } from '../domain/place.ts';
import { placeNameKey } from '../domain/place-name.ts';
import type { Store } from '../store/store.ts';
import type { BoundaryIndex } from './boundary-index.ts';

/** A town of the gazetteer a name resolved to. */
export interface ResolvedTown {
  lon: number;
  lat: number;
  name: string;
}

/**
 * The gazetteer's town of that name (English, Arabic or Central Kurdish, spelt loosely as place names are), or null
 * when none has it. Qualifiers ("Daquq, Kirkuk") must each name a loaded boundary holding the town. Several towns of
 * one name answer a validation error on `place` listing them.
 */
export async function resolveTown(
  store: Store,
  index: BoundaryIndex,
  head: string,
  qualifiers: readonly string[],
  text: string,
): Promise<ResolvedTown | null> {
  const named = (p: Place) => [p.name, p.nameAr, p.nameCkb].some((n) => n !== null && placeNameKey(n) === head);
  const within = (p: Place) =>
    qualifiers.every((q) =>
      ([1, 2, 3] as AdminLevel[]).some((level) => {
        const b = index.lookup(level).locate(p.lon, p.lat);
        return b !== null && [b.name, b.nameAr].some((n) => n !== null && placeNameKey(n) === q);
      }),
    );
  const towns = (await store.places.list()).filter((p) => named(p) && within(p));
  if (towns.length === 0) return null;
  if (towns.length > 1) {
    const reason = `"${text}" is ambiguous: ${towns.map((t) => `town ${t.name} at ${t.lon}, ${t.lat}`).join('; ')}; give a district or governorate after a comma`;
    throw new SeamError('validation', `place: ${reason}`, [{ field: 'place', reason }]);
  }
  const [t] = towns;
  return { lon: t.lon, lat: t.lat, name: t.name };
}
