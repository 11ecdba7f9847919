import { checkName } from '../domain/names.ts';
import { isPlaceRank, type Place, type PlaceRank, placeRank } from '../domain/place.ts';

/** A place as read from a file, before it gets an id. */
export type PlaceDraft = Omit<Place, 'id' | 'createdAt'>;

/** What is wrong with one feature (index counts from 0 in the file's `features` array), or with the file (index null). */
export interface PlaceProblem {
  index: number | null;
  name: string | null;
  field: string;
  problem: string;
}

export const maxPlaces = 50_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of `keys` the properties hold (so `name` and `name_en` both name the English name). */
function pick(props: Record<string, unknown>, keys: readonly string[]): [string, unknown] {
  for (const k of keys) if (props[k] !== undefined && props[k] !== null) return [k, props[k]];
  return [keys[0], undefined];
}

function readFeature(f: unknown, index: number, problems: PlaceProblem[]): PlaceDraft | null {
  const before = problems.length;
  const problem = (field: string, text: string, name: string | null = null) =>
    problems.push({ index, name, field, problem: text });
  if (!isRecord(f) || f.type !== 'Feature') {
    problem('type', 'is not a GeoJSON Feature');
    return null;
  }
  const props = isRecord(f.properties) ? f.properties : {};
  const names: Record<'en' | 'ar' | 'ckb', string | null> = { en: null, ar: null, ckb: null };
  for (const [lang, keys] of [
    ['en', ['name', 'name_en']],
    ['ar', ['name_ar']],
    ['ckb', ['name_ckb']],
  ] as const) {
    const [field, value] = pick(props, keys);
    if (value === undefined) {
      if (lang === 'en') problem('properties.name', 'is missing: every place needs an English name');
      continue;
    }
    if (typeof value !== 'string') {
      problem(`properties.${field}`, 'is not text');
      continue;
    }
    const checked = checkName(value);
    if ('problem' in checked) problem(`properties.${field}`, checked.problem);
    else names[lang] = checked.name;
  }
  const g = f.geometry;
  let lon = Number.NaN;
  let lat = Number.NaN;
  if (!isRecord(g) || g.type !== 'Point') problem('geometry', 'is not a Point');
  else if (
    !Array.isArray(g.coordinates) ||
    g.coordinates.length < 2 ||
    typeof g.coordinates[0] !== 'number' ||
    typeof g.coordinates[1] !== 'number'
  )
    problem('geometry.coordinates', 'is not [lon, lat]');
  else {
    [lon, lat] = g.coordinates as number[];
    if (!Number.isFinite(lon) || lon < -180 || lon > 180)
      problem('geometry.coordinates', `lon ${lon} is not within -180..180`);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90)
      problem('geometry.coordinates', `lat ${lat} is not within -90..90`);
  }
  let population: number | null = null;
  if (props.population !== undefined && props.population !== null) {
    const p = props.population;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100_000_000)
      problem('properties.population', 'is not a whole number from 0 to 100,000,000');
    else population = p;
  }
  let rank: PlaceRank | null = null;
  if (props.rank !== undefined && props.rank !== null) {
    if (!isPlaceRank(props.rank)) problem('properties.rank', 'is not 1 (major city), 2, 3 or 4 (village)');
    else rank = props.rank;
  }
  for (let i = before; i < problems.length; i++) problems[i].name = names.en;
  if (problems.length > before) return null;
  return {
    name: names.en!,
    nameAr: names.ar,
    nameCkb: names.ckb,
    lon,
    lat,
    population,
    rank: placeRank(population, rank),
  };
}

/**
 * Reads populated places from a GeoJSON FeatureCollection of Point features with an English `name` (or `name_en`)
 * and optional `name_ar`, `name_ckb`, `population` and `rank` (1-4). Every problem is reported, each naming its
 * feature and field; drafts are only meaningful when there are none.
 */
export function readPlaceFeatures(doc: unknown): { drafts: PlaceDraft[]; problems: PlaceProblem[] } {
  const problems: PlaceProblem[] = [];
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return {
      drafts: [],
      problems: [{ index: null, name: null, field: 'file', problem: 'is not a GeoJSON FeatureCollection' }],
    };
  }
  if (doc.features.length > maxPlaces) {
    return {
      drafts: [],
      problems: [
        {
          index: null,
          name: null,
          field: 'features',
          problem: `has ${doc.features.length} features; at most ${maxPlaces}`,
        },
      ],
    };
  }
  const drafts: PlaceDraft[] = [];
  doc.features.forEach((f, i) => {
    const d = readFeature(f, i, problems);
    if (d) drafts.push(d);
  });
  return { drafts, problems };
}
