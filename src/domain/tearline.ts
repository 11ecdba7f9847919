import { invalid } from './errors.ts';
import { formatReleasability, parseReleasability, type Releasability, releasabilityBreadth } from './releasability.ts';

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

/** A tearline as a request gives it (`{releasability, summary?}`), checked against its record's releasability; null for none. */
export function tearlineFromInput(
  input: { releasability: string; summary?: string } | null | undefined,
  record: Releasability,
): Tearline | null {
  if (!input) return null;
  const tearline = {
    releasability: parseReleasability(input.releasability, 'tearline.releasability'),
    summary: input.summary ? input.summary : null,
  };
  checkTearline(record, tearline);
  return tearline;
}
