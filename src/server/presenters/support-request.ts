import { supportRequestWire } from '../../domain/records/support-request.ts';
import { awaitsResponse, type SupportRequest } from '../../domain/support-request.ts';
import { toMgrs } from '../../geo/mgrs.ts';

/** A support request as the API gives it, with whether it is overdue as of the read. */
export function presentSupportRequest(r: SupportRequest, overdue: boolean) {
  return supportRequestWire(r, overdue, toMgrs(r.lon, r.lat, 5));
}

/**
 * A support request as the live stream sends it: the record of the change, overdue once the
 * overdue sweep has escalated it (the escalation is itself a change on the stream).
 */
export function presentStreamedSupportRequest(r: SupportRequest) {
  return presentSupportRequest(r, r.escalatedAt !== null && awaitsResponse(r.state));
}
