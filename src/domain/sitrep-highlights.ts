import type { Position } from './geojson.ts';
import type { CasualtyCounts } from './incident.ts';
import type { SitrepHighlight, SitrepPlace } from './sitrep.ts';

/** A change in the uncovered share smaller than this (one percentage point) is not a highlight. */
export const gapChangeThreshold = 0.01;
/** A corridor whose narrowest point lies this close to one of the previous period's is the same corridor. */
export const sameCorridorKm = 3;

/** What the highlights are drawn from: the period's figures and the previous period's. */
export interface HighlightInput {
  incidents: { count: number; previous: number };
  /** The period's incidents with casualties, and their casualties. */
  casualties: { incidents: number; total: CasualtyCounts; civilians: CasualtyCounts };
  gap: {
    share: number;
    km2: number;
    previousShare: number;
    previousKm2: number;
    corridors: Array<{ at: Position; place: SitrepPlace }>;
    previousCorridors: Position[];
  } | null;
  overdueRequests: number;
  /** Conflicts found for the activities done and planned. */
  activityConflicts: number;
}

// Equirectangular distance: corridors a few km apart near one latitude need no more than this.
function roughKm(a: Position, b: Position): number {
  const lat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  const dx = (a[0] - b[0]) * Math.cos(lat) * 111.195;
  const dy = (a[1] - b[1]) * 111.195;
  return Math.hypot(dx, dy);
}

/**
 * The few changes that matter since the previous period, most pressing first: incidents with
 * casualties, new corridors, a widening or narrowing gap, overdue requests, activity conflicts,
 * and a marked change in the number of incidents (a quarter more or less, and at least three).
 */
export function sitrepHighlights(input: HighlightInput): SitrepHighlight[] {
  const out: SitrepHighlight[] = [];
  const c = input.casualties;
  if (c.incidents > 0) out.push({ kind: 'casualties', incidents: c.incidents, total: c.total, civilians: c.civilians });
  const g = input.gap;
  if (g) {
    const fresh = g.corridors.filter((k) => !g.previousCorridors.some((p) => roughKm(k.at, p) <= sameCorridorKm));
    if (fresh.length > 0) out.push({ kind: 'new_corridors', count: fresh.length, places: fresh.map((k) => k.place) });
    const change = g.share - g.previousShare;
    if (Math.abs(change) >= gapChangeThreshold)
      out.push({
        kind: change > 0 ? 'gap_widened' : 'gap_narrowed',
        share: g.share,
        previousShare: g.previousShare,
        km2: g.km2,
        previousKm2: g.previousKm2,
      });
  }
  if (input.overdueRequests > 0) out.push({ kind: 'overdue_requests', count: input.overdueRequests });
  if (input.activityConflicts > 0) out.push({ kind: 'activity_conflicts', count: input.activityConflicts });
  const { count, previous } = input.incidents;
  if (Math.abs(count - previous) >= Math.max(3, previous / 4)) out.push({ kind: 'incidents_changed', count, previous });
  return out;
}
