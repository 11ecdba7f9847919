import type { Presence } from '../domain/presence.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/**
 * What a reader may see of one presence record: all of it, or nothing (null). Presence has no
 * tearline and no JCC of its own; it is shared by its organisation's releasability alone.
 */
export function seePresence(reader: Reader, presence: Presence, facts: AccessFacts): Presence | null {
  const v = visibility(reader, { ownerOrg: presence.org, releasability: presence.releasability, jcc: null }, facts);
  return v === 'record' ? presence : null;
}
