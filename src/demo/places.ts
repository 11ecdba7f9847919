import type { Position } from '../domain/geojson.ts';

/** A named place of the demo, at approximate public coordinates (lon, lat). */
export interface Place {
  name: string;
  at: Position;
}

/** Towns the exercise coordination line runs through, in order from the south-east (Diyala) to the north-west (Sinjar). */
export const lineTowns: Place[] = [
  { name: 'Khanaqin', at: [45.38, 34.35] },
  { name: 'Jalawla', at: [45.17, 34.27] },
  { name: 'Kifri', at: [44.96, 34.69] },
  { name: 'Tuz Khurmatu', at: [44.63, 34.88] },
  { name: 'Daquq', at: [44.45, 35.14] },
  { name: 'Kirkuk', at: [44.39, 35.47] },
  { name: 'Dibis', at: [44.07, 35.65] },
  { name: 'Makhmour', at: [43.59, 35.78] },
  { name: 'Gwer', at: [43.49, 35.98] },
  { name: 'Bashiqa', at: [43.35, 36.45] },
  { name: 'Tel Keppe', at: [43.12, 36.49] },
  { name: 'Zummar', at: [42.6, 36.64] },
  { name: 'Sinjar', at: [41.86, 36.32] },
];

/** Other towns and villages near the line, used to name where incidents happen. */
export const nearbyPlaces: Place[] = [
  { name: 'Qara Tapa', at: [44.93, 34.42] },
  { name: 'Sulaiman Beg', at: [44.63, 34.97] },
  { name: 'Taza Khurmatu', at: [44.33, 35.31] },
  { name: 'Altun Kupri', at: [44.14, 35.75] },
  { name: 'Hawija', at: [43.78, 35.33] },
  { name: 'Qaraj', at: [43.55, 35.9] },
  { name: 'Khazir', at: [43.57, 36.29] },
  { name: 'Bartella', at: [43.38, 36.35] },
  { name: 'Mosul', at: [43.13, 36.34] },
  { name: 'Alqosh', at: [43.1, 36.73] },
  { name: 'Wana', at: [42.86, 36.59] },
  { name: 'Tal Afar', at: [42.45, 36.38] },
  { name: 'Snune', at: [41.92, 36.5] },
];

/** Every named place, line towns first. */
export const allPlaces: Place[] = [...lineTowns, ...nearbyPlaces];

/** Places well inside each side, used to work out which organisation holds which side of the line. */
export const sideReferences = {
  peshmerga: { name: 'Erbil', at: [44.01, 36.19] as Position },
  isf: { name: 'Baghdad', at: [44.36, 33.31] as Position },
};
