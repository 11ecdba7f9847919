import type { Enrichment, Review } from './enrichment.ts';
import type { Grading } from './grading.ts';
import type { Releasability } from './releasability.ts';
import type { IncidentType } from './taxonomy.ts';
import type { Tearline } from './tearline.ts';

export const timePrecisions = ['day', 'days', 'week', 'month', 'year'] as const;
export type TimePrecision = (typeof timePrecisions)[number];

export const locationPrecisions = ['exact', 'near_place', 'district', 'governorate'] as const;
export type LocationPrecision = (typeof locationPrecisions)[number];

export const verifications = ['reported', 'confirmed', 'discounted', 'duplicate'] as const;
export type Verification = (typeof verifications)[number];

export interface CasualtyCounts {
  killed: number;
  wounded: number;
  abducted: number;
}

/** Casualties split between each organisation's forces and civilians. */
export interface Casualties {
  forces: Array<{ org: string } & CasualtyCounts>;
  civilians: CasualtyCounts;
}

/** A reported event. */
export interface Incident {
  id: string;
  type: IncidentType;
  time: string;
  timePrecision: TimePrecision;
  lon: number;
  lat: number;
  locationPrecision: LocationPrecision;
  place: string | null;
  narrative: string;
  casualties: Casualties;
  grading: Grading | null;
  releasability: Releasability;
  /** A sanitised summary releasable more widely than the incident, or null. */
  tearline: Tearline | null;
  verification: Verification;
  /** The last change of verification status; null while only reported. */
  review: Review | null;
  /** The incident this one duplicates, once verified as a duplicate. */
  duplicateOf: string | null;
  ownerOrg: string;
  reporterId: string | null;
  jcc: string | null;
  enrichment: Enrichment;
  /** Where the record came from: `seam` (reported here), `demo`, or an import format. */
  source: string;
  sourceId: string | null;
  /** Synthetic exercise data, never a real event. */
  exercise: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const maxNarrativeLength = 20_000;

/** Total casualties of an incident, forces and civilians together. */
export function casualtyTotals(c: Casualties): CasualtyCounts {
  const total = { ...c.civilians };
  for (const f of c.forces) {
    total.killed += f.killed;
    total.wounded += f.wounded;
    total.abducted += f.abducted;
  }
  return total;
}

export const noCasualties: Casualties = { forces: [], civilians: { killed: 0, wounded: 0, abducted: 0 } };
