import type { GapSnapshot } from '../gap-snapshot.ts';
import { asLogged, defineRecordType } from '../record-type.ts';

/** An organisation's gap-analysis figures for one window: kept to that organisation, never streamed. */
export const gapSnapshotRecord = defineRecordType({
  name: 'gap_snapshot',
  audience: 'internal',
  schema: null,
  logged: (s: GapSnapshot) => ({ recordId: s.id, ownerOrg: s.org, releasability: 'org', jcc: null, data: s }),
  fromLog: asLogged<GapSnapshot>,
});

/** The fields of a gap snapshot that leave the server, with the change in uncovered area since the previous window. */
export function gapSnapshotWire(s: GapSnapshot, previous?: GapSnapshot) {
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

/** A gap snapshot as it leaves the server. */
export type GapSnapshotWire = ReturnType<typeof gapSnapshotWire>;
