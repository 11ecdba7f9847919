import type { GapSnapshot } from '../../store/gap-snapshots.ts';

/** The fields of a gap snapshot that leave the server, with the change in uncovered area since the previous window. */
export function presentGapSnapshot(s: GapSnapshot, previous?: GapSnapshot) {
  return {
    window_from: s.windowFrom,
    window_to: s.windowTo,
    min_share: s.minShare,
    orgs: s.orgs ? s.orgs.split(',') : null,
    zone_km2: s.zoneKm2,
    uncovered_km2: s.uncoveredKm2,
    uncovered_share: s.uncoveredShare,
    longest_uncovered_stretch_km: s.longestUncoveredStretchKm,
    corridors: s.corridors,
    incidents_in_gaps: s.incidentsInGaps,
    uncovered_km2_change: previous ? Math.round((s.uncoveredKm2 - previous.uncoveredKm2) * 1000) / 1000 : null,
    computed_at: s.computedAt,
  };
}
