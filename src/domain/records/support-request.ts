import { asLogged, defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';
import type { Medevac, SupportRequest } from '../support-request.ts';

/**
 * Support requests: read by the requester, the addressee (the organisation, or the addressed JCC's
 * members) and the audience of their releasability; the access policy decides reader by reader.
 * The change log keeps the requester as owner and the addressed JCC as the record's JCC.
 */
export const supportRequestRecord = defineRecordType({
  name: 'support_request',
  audience: 'released',
  schema: null,
  logged: (r: SupportRequest) => ({
    recordId: r.id,
    ownerOrg: r.requesterOrg,
    releasability: formatReleasability(r.releasability),
    jcc: r.addressedJcc,
    data: r,
  }),
  fromLog: asLogged<SupportRequest>,
});

function medevacWire(m: Medevac) {
  const p = m.patientsByPrecedence;
  const s = m.patientsByStatus;
  return {
    frequency: m.frequency,
    call_sign: m.callSign,
    patients_by_precedence: {
      urgent: p.urgent,
      urgent_surgical: p.urgentSurgical,
      priority: p.priority,
      routine: p.routine,
      convenience: p.convenience,
    },
    equipment: m.equipment,
    litter: m.litter,
    ambulatory: m.ambulatory,
    security: m.security,
    marking: m.marking,
    patients_by_status: {
      own_military: s.ownMilitary,
      own_civilian: s.ownCivilian,
      partner_military: s.partnerMilitary,
      partner_civilian: s.partnerCivilian,
      detainee: s.detainee,
    },
    nbc: m.nbc,
    terrain: m.terrain,
  };
}

/**
 * The fields of a support request that leave the server (API, live stream, exports), given
 * whether it is overdue as of the read and its location as MGRS (computed by the caller).
 */
export function supportRequestWire(r: SupportRequest, overdue: boolean, mgrs: string) {
  return {
    id: r.id,
    kind: r.kind,
    requester_org: r.requesterOrg,
    addressed_org: r.addressedOrg,
    addressed_jcc: r.addressedJcc,
    priority: r.priority,
    respond_by: r.respondBy,
    overdue,
    lon: r.lon,
    lat: r.lat,
    mgrs,
    needed_at: r.neededAt,
    needed_until: r.neededUntil,
    details: r.details,
    medevac: r.medevac === null ? null : medevacWire(r.medevac),
    linked_incident: r.linkedIncident,
    releasability: formatReleasability(r.releasability),
    state: r.state,
    responder_org: r.responderOrg,
    decline_reason: r.declineReason,
    question: r.question,
    answer: r.answer,
    assigned_unit: r.assignedUnit,
    cancel_reason: r.cancelReason,
    accepted_at: r.acceptedAt,
    completed_at: r.completedAt,
    escalated_at: r.escalatedAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    version: r.version,
  };
}

/** A SupportRequest as it leaves the server. */
export type SupportRequestWire = ReturnType<typeof supportRequestWire>;
