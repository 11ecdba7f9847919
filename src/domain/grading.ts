import { invalid } from './errors.ts';

export const reliabilities = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof reliabilities)[number];

/** NATO Admiralty grading: source reliability A–F and information credibility 1–6. */
export interface Grading {
  reliability: Reliability;
  credibility: 1 | 2 | 3 | 4 | 5 | 6;
}

/** Parses an Admiralty code such as `B2`. */
export function parseGrading(value: string, field = 'grading'): Grading {
  const m = /^([A-F])([1-6])$/.exec(value.trim().toUpperCase());
  if (!m)
    throw invalid(field, `expected an Admiralty code such as B2 (reliability A-F, credibility 1-6), got "${value}"`);
  return { reliability: m[1] as Reliability, credibility: Number(m[2]) as Grading['credibility'] };
}

/** The Admiralty code of a grading, e.g. `B2`. */
export function formatGrading(g: Grading): string {
  return `${g.reliability}${g.credibility}`;
}
