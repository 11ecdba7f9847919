import type { AdminLevel } from '../domain/admin-boundary.ts';
import type { Areal, Position } from '../domain/geojson.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import { simplifyAreal } from '../geo/simplify.ts';
import type { Store } from '../store/store.ts';

/** A loaded boundary drawn on a map: simplified, with a point to put its label on. */
export interface MapBoundary {
  pcode: string;
  name: string;
  nameAr: string | null;
  level: AdminLevel;
  parentPcode: string | null;
  geometry: Areal;
  /** A point inside the drawn geometry (its centroid when that is inside). */
  label: Position;
}

/**
 * Douglas–Peucker tolerance by level, in degrees (about 1 km, 500 m and 200 m): a governorate is
 * drawn at country scale, a sub-district zoomed in.
 */
export const mapTolerance: Record<AdminLevel, number> = { 1: 0.01, 2: 0.005, 3: 0.002 };

/** Changes whenever any boundary does, in this process or another one writing to the same database. */
export function boundaryMapVersion(store: Store): Promise<number> {
  return store.changeLog.lastSeqOf(['admin_boundary']);
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The loaded boundaries of a level, simplified for the map and rounded to 5 decimals (about 1 m), by pcode. */
export async function boundaryMap(store: Store, level: AdminLevel): Promise<MapBoundary[]> {
  const out: MapBoundary[] = [];
  for (const b of await store.boundaries.ofLevel(level)) {
    const geometry = simplifyAreal(b.geometry, mapTolerance[level], 5);
    if (!geometry) continue;
    const [x, y] = interiorPoint(geometry);
    out.push({
      pcode: b.pcode,
      name: b.name,
      nameAr: b.nameAr,
      level: b.level,
      parentPcode: b.parentPcode,
      geometry,
      label: [round5(x), round5(y)],
    });
  }
  return out;
}
