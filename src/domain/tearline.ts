import { invalid } from './errors.ts';
import { formatReleasability, type Releasability, releasabilityBreadth } from './releasability.ts';

/** A sanitised summary of a record, releasable more widely than the record itself. */
export interface Tearline {
  releasability: Releasability;
  /** Optional sanitised text written by the owner; never the narrative. */
  summary: string | null;
}

export const maxTearlineSummaryLength = 1000;

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
