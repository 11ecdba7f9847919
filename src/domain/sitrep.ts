import type { CasualtyCounts, Verification } from './incident.ts';
import type { Releasability } from './releasability.ts';

/**
 * A SITREP: the periodic situation report of a JCC for one audience. Its figures come from data
 * (`SitrepContent`, computed for the audience through the access policy); only the assessment and
 * intentions are typed by the JCC's analyst. A released report is frozen: a correction is a new
 * report that names the one it corrects.
 */
export interface Sitrep {
  id: string;
  jcc: string;
  /** The report's number in its JCC's series, from 1. */
  number: number;
  periodFrom: string;
  periodTo: string;
  /** The organisation that originates the report: its owner. */
  originatorOrg: string;
  /** Who the report is released to, as a releasability of a record owned by the originator in the JCC. */
  audience: Releasability;
  state: SitrepState;
  /** The figures, as of `content.asOf`; recomputed while a draft, frozen at release. */
  content: SitrepContent;
  assessment: string;
  intentions: string;
  /** The released report this one corrects, and what it corrects. */
  corrects: string | null;
  /** The number of the report it corrects in the JCC's series (null when it corrects none, or in older reports). */
  correctsNumber: number | null;
  correctionNote: string | null;
  nextDue: string;
  releasedAt: string | null;
  releasedBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const sitrepStates = ['draft', 'released'] as const;
export type SitrepState = (typeof sitrepStates)[number];

export const sitrepLanguages = ['en', 'ar', 'ckb'] as const;
export type SitrepLanguage = (typeof sitrepLanguages)[number];

export const sitrepFormats = ['html', 'md', 'pdf'] as const;
export type SitrepFormat = (typeof sitrepFormats)[number];

export const maxSitrepTextLength = 10_000;

/** A name in each language of the report, falling back to English where none is known. */
export interface NameSet {
  en: string;
  ar: string | null;
  ckb: string | null;
}

/** A place: its name (per language where known) and MGRS. */
export interface SitrepPlace {
  name: NameSet | null;
  mgrs: string;
}

/** Counts in the period and the previous period of equal length. */
export interface Compared {
  count: number;
  previous: number;
}

/** Casualties of a period: each organisation's forces, civilians and both together. */
export interface CasualtyFigures {
  forces: Array<{ org: string } & CasualtyCounts>;
  civilians: CasualtyCounts;
  total: CasualtyCounts;
}

/** One of the period's significant incidents the audience sees whole. */
export interface SitrepIncident {
  id: string;
  time: string;
  type: string;
  place: SitrepPlace;
  district: NameSet | null;
  /** Admiralty code such as `B2`, or null when ungraded. */
  grading: string | null;
  verification: Verification;
  casualties: CasualtyCounts;
  civilianCasualties: CasualtyCounts;
  inGap: boolean;
  exercise: boolean;
}

/** An incident the audience sees only through its tearline: nothing beyond what the tearline gives. */
export interface SitrepTearline {
  id: string;
  date: string;
  type: string;
  /** The snapped location's MGRS and the area name the tearline gives. */
  mgrs: string;
  area: string | null;
  casualties: CasualtyCounts;
  summary: string | null;
  exercise: boolean;
}

/** A change that matters since the previous report, as data; the renderer words it in the report's language. */
export type SitrepHighlight =
  | { kind: 'new_corridors'; count: number; places: SitrepPlace[] }
  | { kind: 'gap_widened' | 'gap_narrowed'; share: number; previousShare: number; km2: number; previousKm2: number }
  | { kind: 'casualties'; incidents: number; total: CasualtyCounts; civilians: CasualtyCounts }
  | { kind: 'overdue_requests'; count: number }
  | { kind: 'incidents_changed'; count: number; previous: number }
  | { kind: 'activity_conflicts'; count: number };

/**
 * The gap in the report's own JCC's area of responsibility: the figures, corridors, hotspots,
 * recommended checkpoints, trend and forecast of its AOR's part of the site's coordination zone
 * (every JCC along the line shares one zone), with the whole line's figures beside them.
 */
export interface SitrepGap {
  /** The AOR's part of the zone, and how much of that is uncovered. */
  zoneKm2: number;
  uncoveredKm2: number;
  uncoveredShare: number;
  /**
   * The whole line's figures, for comparison. Absent in reports drafted before the gap was the
   * AOR's: their figures above, corridors and the rest are the whole line's.
   */
  line?: { zoneKm2: number; uncoveredKm2: number; uncoveredShare: number };
  /** The longest uncovered stretch of the whole line (the per-AOR breakdown has none per area). */
  longestStretchKm: number;
  /** Those whose narrowest point lies in the AOR. */
  corridors: Array<{ id: string; areaKm2: number; narrowestWidthKm: number | null; narrowestAt: SitrepPlace }>;
  /** Those whose centre lies in the AOR. */
  hotspots: Array<{ id: string; cells: number; centre: SitrepPlace }>;
  /** Those that lie in the AOR. */
  checkpoints: Array<{ place: SitrepPlace; gain: number }>;
  /** Daily windows of the 30 days up to the period's end, oldest first: the AOR's share and corridors. */
  trend: Array<{ from: string; to: string; uncoveredShare: number; corridors: number }>;
  /** How much of the AOR's gap the activities planned for the next period would close; corridors in the AOR. */
  forecast: {
    from: string;
    to: string;
    plannedUncoveredShare: number;
    closesKm2: number;
    closesShare: number;
    corridorsStayingOpen: number;
  } | null;
}

export interface SitrepActivity {
  id: string;
  kind: string;
  title: string;
  start: string;
  end: string;
  state: string;
  conflicts: number;
}

export interface SitrepCoordination {
  activitiesDone: SitrepActivity[];
  activitiesPlanned: SitrepActivity[];
  requests: {
    opened: number;
    answered: number;
    overdue: number;
    /** Seconds from request to acceptance and to completion, of the requests answered in the period. */
    toAccept: { count: number; median_s: number | null; p90_s: number | null };
    toComplete: { count: number; median_s: number | null; p90_s: number | null };
  };
  /** Organisations whose acknowledgement of an activity is still awaited. */
  acknowledgementsOutstanding: Array<{ activityId: string; title: string; org: string }>;
}

/** The figures of a SITREP for its audience, computed from data. */
export interface SitrepContent {
  asOf: string;
  jcc: { code: string; name: NameSet };
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  audience: { releasability: string; orgs: string[] };
  /** The names of every organisation the report mentions, by code. */
  orgNames: Record<string, NameSet>;
  highlights: SitrepHighlight[];
  incidents: {
    total: Compared;
    byType: Array<{ type: string } & Compared>;
    /** Counts by district against the previous period (`previous` absent in reports drafted before it was counted). */
    byDistrict: Array<{ district: NameSet | null; count: number; previous?: number }>;
    casualties: CasualtyFigures;
    previousCasualties: CasualtyFigures;
    significant: SitrepIncident[];
    tearlines: SitrepTearline[];
  };
  civilianHarm: {
    period: CasualtyCounts;
    previous: CasualtyCounts;
    /** Incidents of the period with civilian casualties. */
    incidents: number;
  };
  /** Null when the site has no coordination line to analyse. */
  gap: SitrepGap | null;
  coordination: SitrepCoordination;
}
