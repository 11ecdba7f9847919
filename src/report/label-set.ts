import type { CasualtyCounts } from '../domain/incident.ts';

/** Counts already written in the report's digits, for the sentences of a language to place. */
export type CountsText = { [K in keyof CasualtyCounts]: string };

/** The gap forecast's sentence, of its figures already formatted (the whole line's and a JCC area's alike). */
export type ForecastText = (
  from: string,
  to: string,
  share: string,
  closesKm2: string,
  closesShare: string,
  open: string,
) => string;

/** A highlight of the gap widening or narrowing since the previous period. */
export type GapChangeText = (previousShare: string, share: string, previousKm2: string, km2: string) => string;

/**
 * Every word a SITREP prints, in one language. Incident types, verification states and activity
 * kinds and states use the web app's terms (src/web/i18n/locales; a test keeps them equal), so a
 * reader meets the same word in the report as on the screen. Sentences are functions because each
 * language orders and inflects its own words; they take numbers already formatted.
 */
export interface Labels {
  dir: 'ltr' | 'rtl';
  locale: string;
  digits: 'latn' | 'arab';
  /** Month names replacing those of the locale's calendar data, where they differ from the web app's; else null. */
  months: string[] | null;
  title: string;
  draft: string;
  draftNote: string;
  reportNo: (n: string) => string;
  period: string;
  asOf: string;
  originator: string;
  releasedTo: string;
  nextDue: string;
  released: string;
  notReleased: string;
  corrects: string;
  correctionNote: string;
  /** How the time zone of every time in the report is named. */
  zone: string;
  scope: { org: string; partners: string; coalition: string; group: (name: string) => string };
  sections: {
    highlights: string;
    incidents: string;
    civilianHarm: string;
    gap: string;
    coordination: string;
    assessment: string;
    intentions: string;
  };
  noHighlights: string;
  highlight: {
    newCorridors: (n: number, count: string, places: string) => string;
    gapWidened: GapChangeText;
    gapNarrowed: GapChangeText;
    casualties: (n: number, incidents: string, total: CountsText, civilians: CountsText) => string;
    overdueRequests: (n: number, count: string) => string;
    incidentsChanged: (n: number, count: string, previous: string) => string;
    activityConflicts: (n: number, count: string) => string;
  };
  incidents: {
    total: (count: string, previous: string) => string;
    byType: string;
    byDistrict: string;
    type: string;
    district: string;
    unknownDistrict: string;
    count: string;
    previous: string;
    change: string;
    casualties: string;
    casualtiesPrevious: string;
    changeNote: string;
    forcesOf: (org: string) => string;
    civilians: string;
    total2: string;
    significant: string;
    noSignificant: string;
    time: string;
    place: string;
    grading: string;
    ungraded: string;
    verification: string;
    inGap: string;
    exercise: string;
    tearlines: string;
    tearlinesNote: string;
    date: string;
    area: string;
    summary: string;
    none: string;
  };
  killed: string;
  wounded: string;
  abducted: string;
  civilianHarm: {
    none: string;
    some: (n: number, incidents: string, c: CountsText) => string;
    previous: (c: CountsText) => string;
  };
  gap: {
    noLine: string;
    uncovered: (km2: string, zoneKm2: string, share: string) => string;
    longestStretch: string;
    corridors: string;
    noCorridors: string;
    area: string;
    narrowest: string;
    narrowestAt: string;
    trend: string;
    trendAxisShare: string;
    trendAxisDay: string;
    trendNoData: string;
    hotspots: string;
    noHotspots: string;
    cells: string;
    centre: string;
    checkpoints: string;
    noCheckpoints: string;
    gain: string;
    rank: string;
    forecast: string;
    noForecast: string;
    forecastText: ForecastText;
    /**
     * The same, of a report whose figures are its JCC's area of responsibility (the older reports'
     * figures are the whole line's, worded above), with the whole line's figures beside them.
     */
    aor: {
      uncovered: (km2: string, zoneKm2: string, share: string) => string;
      wholeLine: string;
      lineUncovered: (km2: string, zoneKm2: string, share: string) => string;
      longestStretch: string;
      trend: string;
      noCorridors: string;
      noHotspots: string;
      noCheckpoints: string;
      forecastText: ForecastText;
      gapWidened: GapChangeText;
      gapNarrowed: GapChangeText;
    };
  };
  coordination: {
    done: string;
    planned: string;
    noneDone: string;
    nonePlanned: string;
    title: string;
    kind: string;
    when: string;
    state: string;
    deconfliction: string;
    conflicts: (n: number, count: string) => string;
    noConflict: string;
    requests: string;
    opened: string;
    answered: string;
    overdue: string;
    toAccept: string;
    toComplete: string;
    median: string;
    p90: string;
    answers: string;
    acknowledgements: string;
    noAcknowledgements: string;
    activity: string;
    organisation: string;
  };
  noText: string;
  hours: string;
  minutes: string;
  days: string;
  km: string;
  km2: string;
  page: string;
  of: string;
  listSeparator: string;
  types: Record<string, string>;
  verification: Record<string, string>;
  activityKinds: Record<string, string>;
  activityStates: Record<string, string>;
}
