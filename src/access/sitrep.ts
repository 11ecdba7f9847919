import type { Sitrep } from '../domain/sitrep.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/**
 * What a reader may see of a SITREP: all of it, or nothing (null). A draft is the originator
 * organisation's alone; a released report is read by its audience — a record owned by the
 * originator in the report's JCC with the audience as its releasability. A report has no tearline:
 * its figures were computed for that audience, and for no one wider.
 */
export function seeSitrep(reader: Reader, s: Sitrep, facts: AccessFacts): Sitrep | null {
  const releasability = s.state === 'draft' ? ({ scope: 'org' } as const) : s.audience;
  const v = visibility(reader, { ownerOrg: s.originatorOrg, releasability, jcc: s.jcc }, facts);
  return v === 'record' ? s : null;
}
