/** How prominent a populated place is, 1 (a major city) to 4 (a village): the map names rank 1 first when zoomed out. */
export type PlaceRank = 1 | 2 | 3 | 4;

/** A populated place of the site's gazetteer: a named point the map labels and reports can name. */
export interface Place {
  id: string;
  /** The English name. */
  name: string;
  nameAr: string | null;
  /** The Central Kurdish (Sorani) name. */
  nameCkb: string | null;
  lon: number;
  lat: number;
  population: number | null;
  rank: PlaceRank;
  createdAt: string;
}

export function isPlaceRank(n: unknown): n is PlaceRank {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

/** A place's rank: the one given, else from its population (500,000, 100,000, 10,000 and over), else a village's. */
export function placeRank(population: number | null, given: PlaceRank | null): PlaceRank {
  if (given !== null) return given;
  if (population === null) return 4;
  if (population >= 500_000) return 1;
  if (population >= 100_000) return 2;
  if (population >= 10_000) return 3;
  return 4;
}
