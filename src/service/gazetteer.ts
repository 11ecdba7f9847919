import { type AdminBoundary, type AdminLevel, adminLevelNames, boundaryPrecision } from '../domain/admin-boundary.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import type { LocationPrecision } from '../domain/incident.ts';
import { placeNameKey } from '../domain/place-name.ts';
import type { Store } from '../store/store.ts';
import { type BoundaryIndex, boundaryIndex } from './boundary-index.ts';
import { resolveTown } from './town-lookup.ts';

/** A place name resolved to a point inside the boundary it names, or to a town of the gazetteer (no level, no pcode). */
export interface ResolvedPlace {
  lon: number;
  lat: number;
  name: string;
  level: AdminLevel | null;
  pcode: string | null;
  precision: LocationPrecision;
}

const keys = new WeakMap<AdminBoundary, string[]>();

/** The matching keys of a boundary's English and Arabic names, made once per loaded boundary. */
function nameKeys(b: AdminBoundary): string[] {
  let k = keys.get(b);
  if (!k) {
    k = [b.name, b.nameAr].filter((n) => n !== null).map(placeNameKey);
    keys.set(b, k);
  }
  return k;
}

/** The boundary's parent, grandparent… as far as the loaded levels go. */
function ancestors(index: BoundaryIndex, b: AdminBoundary): AdminBoundary[] {
  const out: AdminBoundary[] = [];
  let current = b;
  while (current.parentPcode && current.level > 1) {
    const parent = index.byPcode((current.level - 1) as AdminLevel, current.parentPcode);
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

function describe(index: BoundaryIndex, b: AdminBoundary): string {
  const up = ancestors(index, b).map((a) => a.name);
  const within = up.length > 0 ? ` in ${up.join(', ')}` : b.parentPcode ? ` in ${b.parentPcode}` : '';
  return `${adminLevelNames[b.level]} ${b.name} (${b.pcode})${within}`;
}

function resolved(index: BoundaryIndex, b: AdminBoundary): ResolvedPlace {
  const [lon, lat] = index.interiorPoint(b);
  return { lon, lat, name: b.name, level: b.level, pcode: b.pcode, precision: boundaryPrecision(b.level) };
}

/**
 * Resolves a place name (English or Arabic, any case and spelling of hyphens or Arabic letter forms) to a
 * point inside the loaded boundary of that name. A place code (e.g. IQG13Q04) names one boundary exactly,
 * and "District, Governorate" narrows a name by its parents. No match, or several, is a validation error
 * on field `place`; several lists the candidates. A name no boundary has is looked up among the gazetteer's towns
 * (`seam places import`), placing the report near that town.
 */
export async function resolvePlace(store: Store, name: string): Promise<ResolvedPlace> {
  const text = name.trim();
  if (text === '') throw invalid('place', 'is empty');
  const index = await boundaryIndex(store);
  const [head, ...qualifiers] = text.split(/[,،]/).map(placeNameKey);
  const town = async () => {
    const t = await resolveTown(
      store,
      index,
      head,
      qualifiers.filter((q) => q !== ''),
      text,
    );
    return t && { ...t, level: null, pcode: null, precision: 'near_place' as const };
  };
  if (index.boundaries.length === 0) {
    const t = await town();
    if (t) return t;
    throw invalid(
      'place',
      `cannot resolve "${text}": no administrative boundaries are loaded (seam boundaries import) and no town of the gazetteer has that name`,
    );
  }
  const byCode = index.boundaries.filter((b) => b.pcode.toUpperCase() === text.toUpperCase());
  if (byCode.length === 1) return resolved(index, byCode[0]);

  const named = (b: AdminBoundary, key: string) => nameKeys(b).includes(key);
  // Qualifiers name ancestors outwards, in order, any of them skippable: "Twin, Daquq" or "Twin, Kirkuk".
  const within = (b: AdminBoundary) => {
    const up = ancestors(index, b);
    let k = 0;
    for (const q of qualifiers.filter((q) => q !== '')) {
      while (k < up.length && !named(up[k], q)) k++;
      if (k++ >= up.length) return false;
    }
    return true;
  };
  const candidates = index.boundaries.filter((b) => named(b, head) && within(b));
  if (candidates.length === 0) {
    const t = await town();
    if (t) return t;
    throw invalid('place', `no loaded governorate, district, sub-district or town is named "${text}"`);
  }
  if (candidates.length > 1) {
    const example = candidates.find((c) => ancestors(index, c).length > 0) ?? candidates[0];
    const parent = ancestors(index, example)[0];
    const hint = parent
      ? `give its place code, e.g. ${example.pcode}, or its parent, e.g. "${example.name}, ${parent.name}"`
      : `give its place code, e.g. ${example.pcode}`;
    const reason = `"${text}" is ambiguous: ${candidates.map((c) => describe(index, c)).join('; ')}; ${hint}`;
    throw new SeamError('validation', `place: ${reason}`, [{ field: 'place', reason }]);
  }
  return resolved(index, candidates[0]);
}
