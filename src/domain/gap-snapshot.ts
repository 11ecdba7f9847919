/** The headline figures of one window's gap analysis. */
export interface GapSnapshot {
  id: string;
  org: string;
  windowFrom: string;
  windowTo: string;
  minShare: number;
  /** The organisations whose presence counted, sorted and comma-joined; empty for all. */
  orgs: string;
  zoneKm2: number;
  uncoveredKm2: number;
  uncoveredShare: number;
  longestUncoveredStretchKm: number;
  corridors: number;
  incidentsInGaps: number;
  computedAt: string;
}
