/** An administrative area by name and place code. */
export interface AreaRef {
  name: string;
  pcode: string;
}

/** The nearest checkpoint of one organisation, active at the incident's time. */
export interface NearestCheckpoint {
  org: string;
  id: string;
  name: string;
  km: number;
}

/**
 * What Seam works out about an incident from where and when it happened: stored with it, and
 * recomputed when boundaries, the coordination line, the AORs or presence change.
 */
export interface Enrichment {
  governorate: AreaRef | null;
  district: AreaRef | null;
  /** The organisation holding the side of the coordination line the incident lies on. */
  lineSide: string | null;
  /** Signed distance to the line in km: positive on its left (walking from its first vertex), negative on its right. */
  lineDistanceKm: number | null;
  inZone: boolean | null;
  /**
   * Inside the zone and covered by no checkpoint, patrol route or unit AOR active at the incident's
   * time (a patrol route counts whatever its daily schedule; the gap analysis applies schedules).
   */
  inGap: boolean | null;
  nearestCheckpoints: NearestCheckpoint[];
  /** H3 cell (resolution 8) of the location. */
  h3: string | null;
  /** An earlier incident of the same type within 2 km and 6 hours: flagged for review, not merged. */
  suspectedDuplicateOf: string | null;
}

export const noEnrichment: Enrichment = {
  governorate: null,
  district: null,
  lineSide: null,
  lineDistanceKm: null,
  inZone: null,
  inGap: null,
  nearestCheckpoints: [],
  h3: null,
  suspectedDuplicateOf: null,
};

/** The suspected-duplicate window: same type, this close in space and time. */
export const duplicateWindow = { km: 2, hours: 6 };

/** Who reviewed an incident's verification status, when and why. */
export interface Review {
  by: string;
  at: string;
  reason: string;
}
