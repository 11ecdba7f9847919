import type { Areal, LineString } from './geojson.ts';

/** The line between the areas two organisations hold, and the strip along it where coverage is measured. */
export interface CoordinationLine {
  id: string;
  name: string;
  line: LineString;
  /** Half-width of the zone in km, when the zone is a buffer of the line. */
  zoneKm: number | null;
  zone: Areal;
  /** Organisation holding the left side of the line (walking from its first vertex), and the right. */
  leftOrg: string;
  rightOrg: string;
  exercise: boolean;
  createdAt: string;
  updatedAt: string;
}
