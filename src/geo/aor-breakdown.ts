import type { Areal } from '../domain/geojson.ts';
import { planarOverlay } from './jsts-engine.ts';
import { planarArea } from './planar-segments.ts';

/** The gap within one area of responsibility. */
export interface AorBreakdown {
  code: string;
  /** Area of the AOR inside the zone, km². */
  zone_km2: number;
  uncovered_km2: number;
  /** Uncovered share of the AOR's part of the zone (0 when it has none). */
  uncovered_share: number;
}

/**
 * Per-AOR breakdown of the gap, all planar in one equal-area frame: each AOR's area inside the zone and the gap's
 * area inside the AOR. Sorted by code.
 */
export function planarAorBreakdown(
  aors: ReadonlyArray<{ code: string; aor: Areal }>,
  zone: Areal,
  gap: Areal,
): AorBreakdown[] {
  return aors
    .map(({ code, aor }) => {
      const inZone = planarArea(planarOverlay('intersection', aor, zone)) / 1e6;
      const uncovered = gap.coordinates.length === 0 ? 0 : planarArea(planarOverlay('intersection', aor, gap)) / 1e6;
      return { code, zone_km2: inZone, uncovered_km2: uncovered, uncovered_share: inZone > 0 ? uncovered / inZone : 0 };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
