import type { Releasability } from '../domain/releasability.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/**
 * Whether a reader may see a unit's position: by its organisation's position sharing (a
 * releasability with no JCC and no tearline), as every other shared record is decided.
 */
export function maySeeUnitPosition(
  reader: Reader,
  unit: { org: string; releasability: Releasability },
  facts: AccessFacts,
): boolean {
  return visibility(reader, { ownerOrg: unit.org, releasability: unit.releasability, jcc: null }, facts) === 'record';
}
