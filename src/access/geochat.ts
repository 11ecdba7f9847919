import type { GeoChatMessage } from '../domain/geochat.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/** What a reader may see of a GeoChat message: all of it, or nothing (it has no tearline). */
export function seeGeoChat(reader: Reader, m: GeoChatMessage, facts: AccessFacts): GeoChatMessage | null {
  const v = visibility(reader, { ownerOrg: m.org, releasability: m.releasability, jcc: null }, facts);
  return v === 'record' ? m : null;
}
