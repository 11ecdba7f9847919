import type { SupportRequest } from '../domain/support-request.ts';
import { incidentVisibility, type ReferencedIncidents } from './incident.ts';
import { type AccessFacts, leastOf, type Reader, visibility } from './policy.ts';

/**
 * Whether an organisation is a party to a request: the requester, the addressed organisation, or
 * a member organisation of the addressed JCC.
 */
export function isRequestParty(
  org: string,
  r: Pick<SupportRequest, 'requesterOrg' | 'addressedOrg' | 'addressedJcc'>,
  facts: AccessFacts,
): boolean {
  if (org === r.requesterOrg || org === r.addressedOrg) return true;
  return r.addressedJcc !== null && (facts.jccMembers.get(r.addressedJcc)?.has(org) ?? false);
}

/**
 * Whether a reader may see a request at all: a party to it, or in the audience of its
 * releasability (the requester as owner, the addressed JCC as its JCC). Requests have no tearline.
 */
export function mayReadRequest(
  reader: Reader,
  r: Pick<SupportRequest, 'requesterOrg' | 'addressedOrg' | 'addressedJcc' | 'releasability'>,
  facts: AccessFacts,
): boolean {
  // An audience reader (a SITREP's) reads a request only if every organisation of its audience may.
  const shareable = { ownerOrg: r.requesterOrg, releasability: r.releasability, jcc: r.addressedJcc };
  return (
    leastOf(reader, (one) => (isRequestParty(one.org, r, facts) ? 'record' : visibility(one, shareable, facts))) ===
    'record'
  );
}

/**
 * What a reader may see of one support request: the whole request, with its linked incident only
 * if the reader may see that incident (whole or as a tearline), or nothing (null). Every read of
 * requests (get, list, history, stats, export, the live stream) decides through this function.
 */
export function seeSupportRequest(
  reader: Reader,
  r: SupportRequest,
  facts: AccessFacts,
  referenced: ReferencedIncidents,
): SupportRequest | null {
  if (!mayReadRequest(reader, r, facts)) return null;
  if (r.linkedIncident === null) return r;
  const incident = referenced(r.linkedIncident);
  const linkVisible = incident !== undefined && incidentVisibility(reader, incident, facts) !== 'none';
  return linkVisible ? r : { ...r, linkedIncident: null };
}
