import type { Position } from '../geo/geojson.ts';
import { invalid } from './errors.ts';
import { type CasualtyCounts, casualtyTotals, type Incident } from './incident.ts';
import { formatReleasability, type Releasability, releasabilityBreadth } from './releasability.ts';

/** A sanitised summary of a record, releasable more widely than the record itself. */
export interface Tearline {
  releasability: Releasability;
  /** Optional sanitised text written by the owner; never the narrative. */
  summary: string | null;
}

export const maxTearlineSummaryLength = 1000;

/** What a user who may see only the tearline is given: nothing more. */
export interface TearlineView {
  id: string;
  type: Incident['type'];
  date: string;
  location: Position;
  area: string | null;
  casualties: CasualtyCounts;
  summary: string | null;
  releasability: string;
  /** Synthetic exercise data stays marked as such, whoever sees it. */
  exercise: boolean;
}

/** Throws unless the tearline is releasable more widely than the record it summarises. */
export function checkTearline(record: Releasability, tearline: Tearline): void {
  if (releasabilityBreadth(tearline.releasability) <= releasabilityBreadth(record)) {
    throw invalid(
      'tearline.releasability',
      `a tearline must be releasable more widely than its record (${formatReleasability(record)})`,
    );
  }
  if (tearline.summary !== null && tearline.summary.length > maxTearlineSummaryLength) {
    throw invalid('tearline.summary', `at most ${maxTearlineSummaryLength} characters`);
  }
}

/**
 * The tearline view of an incident: its type, the day, the location snapped to `coarse` (a grid
 * cell centre or a district's point), an area name when known, casualty totals and the summary.
 */
export function tearlineView(i: Incident, tearline: Tearline, coarse: Position, area: string | null): TearlineView {
  return {
    id: i.id,
    type: i.type,
    date: i.time.slice(0, 10),
    location: coarse,
    area,
    casualties: casualtyTotals(i.casualties),
    summary: tearline.summary,
    releasability: formatReleasability(tearline.releasability),
    exercise: i.exercise,
  };
}
