import type { Areal } from './geojson.ts';
import type { LocationPrecision } from './incident.ts';

/** Administrative levels Seam loads: 1 governorate (province), 2 district, 3 sub-district. */
export const adminLevels = [1, 2, 3] as const;
export type AdminLevel = (typeof adminLevels)[number];

export const adminLevelNames: Record<AdminLevel, string> = { 1: 'governorate', 2: 'district', 3: 'sub-district' };

/** An administrative boundary without its geometry: what lists, lookups and the change log carry. */
export interface AdminBoundarySummary {
  id: string;
  level: AdminLevel;
  /** The place code of the common operational dataset, e.g. IQG13Q04; unique within a level. */
  pcode: string;
  name: string;
  nameAr: string | null;
  /** The pcode of the enclosing boundary one level up, when the file gives it. */
  parentPcode: string | null;
  areaKm2: number;
  createdAt: string;
}

/** An administrative boundary (reference data for every organisation on the site). */
export interface AdminBoundary extends AdminBoundarySummary {
  geometry: Areal;
}

/** True when the value is an administrative level Seam knows. */
export function isAdminLevel(value: unknown): value is AdminLevel {
  return value === 1 || value === 2 || value === 3;
}

/**
 * The location precision of a place known only as a boundary: its governorate or its district. There is
 * no sub-district precision, so a sub-district counts as 'district' (the nearest, and honest, coarser term).
 */
export function boundaryPrecision(level: AdminLevel): LocationPrecision {
  return level === 1 ? 'governorate' : 'district';
}
