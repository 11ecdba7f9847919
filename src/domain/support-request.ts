import type { Releasability } from './releasability.ts';

/** What one organisation asks another (or a JCC) for. */
export const supportRequestKinds = ['isr', 'logistics', 'medevac', 'eod', 'qrf', 'engineering', 'other'] as const;
export type SupportRequestKind = (typeof supportRequestKinds)[number];

/** How fast an answer is needed; each priority has its own response deadline. */
export const supportRequestPriorities = ['urgent', 'priority', 'routine'] as const;
export type SupportRequestPriority = (typeof supportRequestPriorities)[number];

/** Where a request stands. */
export const supportRequestStates = [
  'requested',
  'accepted',
  'declined',
  'needs_information',
  'assigned',
  'under_way',
  'done',
  'cancelled',
] as const;
export type SupportRequestState = (typeof supportRequestStates)[number];

/** MEDEVAC line 3: patients by precedence. */
export interface PatientsByPrecedence {
  urgent: number;
  urgentSurgical: number;
  priority: number;
  routine: number;
  convenience: number;
}

/** MEDEVAC line 4: special equipment (`none` alone, or any of the others). */
export const medevacEquipment = ['none', 'hoist', 'extraction', 'ventilator'] as const;
/** MEDEVAC line 6: security at the pick-up site. */
export const medevacSecurity = ['no_enemy', 'possible_enemy', 'enemy_in_area', 'enemy_in_area_armed_escort'] as const;
/** MEDEVAC line 7: how the pick-up site is marked. */
export const medevacMarking = ['panels', 'pyrotechnic', 'smoke', 'none', 'other'] as const;
/** MEDEVAC line 9: NBC contamination. */
export const medevacNbc = ['none', 'nuclear', 'biological', 'chemical'] as const;

/** MEDEVAC line 8: patients by nationality and status. */
export interface PatientsByStatus {
  ownMilitary: number;
  ownCivilian: number;
  partnerMilitary: number;
  partnerCivilian: number;
  detainee: number;
}

/**
 * The MEDEVAC 9-line request. Line 1 (location of the pick-up site) is the request's own location;
 * the others are here.
 */
export interface Medevac {
  /** Line 2: radio frequency and call sign at the pick-up site. */
  frequency: string;
  callSign: string;
  /** Line 3. */
  patientsByPrecedence: PatientsByPrecedence;
  /** Line 4. */
  equipment: Array<(typeof medevacEquipment)[number]>;
  /** Line 5: patients by type. */
  litter: number;
  ambulatory: number;
  /** Line 6. */
  security: (typeof medevacSecurity)[number];
  /** Line 7. */
  marking: (typeof medevacMarking)[number];
  /** Line 8. */
  patientsByStatus: PatientsByStatus;
  /** Line 9: NBC contamination, and terrain at the site (free text, may be empty). */
  nbc: (typeof medevacNbc)[number];
  terrain: string;
}

/** A support request: one organisation asks another organisation, or a JCC, for help. */
export interface SupportRequest {
  id: string;
  kind: SupportRequestKind;
  /** The organisation asking (the requesting user's). */
  requesterOrg: string;
  /** Addressed to one organisation, or to a JCC (whose member organisations may answer): exactly one is set. */
  addressedOrg: string | null;
  addressedJcc: string | null;
  priority: SupportRequestPriority;
  /** The response deadline: the request is overdue when not accepted or declined by then. */
  respondBy: string;
  lon: number;
  lat: number;
  /** When the support is needed, and until when (null: open-ended). */
  neededAt: string;
  neededUntil: string | null;
  details: string;
  medevac: Medevac | null;
  /** An incident the request is about, one the requester may see; shown only to readers who may see it too. */
  linkedIncident: string | null;
  /** Who else may read it; the requester and the addressee always may. */
  releasability: Releasability;
  state: SupportRequestState;
  /** The organisation that accepted, declined or asked for information (for a JCC: the member that did). */
  responderOrg: string | null;
  declineReason: string | null;
  question: string | null;
  answer: string | null;
  assignedUnit: string | null;
  cancelReason: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  /** When the overdue sweep escalated it (once), or null. */
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The longest details text, in characters. */
export const maxDetailsLength = 4000;
/** The longest reason, question, answer or unit name, in characters. */
export const maxReplyLength = 1000;

/** Response deadline per priority, in minutes. */
export type ResponseDeadlines = Record<SupportRequestPriority, number>;

/** The deadlines a site uses until its settings name others: urgent 15 min, priority 1 h, routine 24 h. */
export const defaultResponseDeadlines: ResponseDeadlines = { urgent: 15, priority: 60, routine: 24 * 60 };

/** The time by which a request created at `createdAt` must be accepted or declined. */
export function responseDeadline(
  createdAt: string,
  priority: SupportRequestPriority,
  deadlines: ResponseDeadlines,
): string {
  return new Date(Date.parse(createdAt) + deadlines[priority] * 60_000).toISOString();
}

/** The states in which a request waits for the addressee's first answer (accept or decline). */
export function awaitsResponse(state: SupportRequestState): boolean {
  return state === 'requested' || state === 'needs_information';
}

/** Whether a request is overdue at `now`: not accepted or declined by its response deadline, and not cancelled. */
export function isOverdue(r: Pick<SupportRequest, 'state' | 'respondBy'>, now: Date): boolean {
  return awaitsResponse(r.state) && now.getTime() > Date.parse(r.respondBy);
}

/** Whether the overdue sweep should escalate the request now: overdue and not escalated before. */
export function needsEscalation(r: Pick<SupportRequest, 'state' | 'respondBy' | 'escalatedAt'>, now: Date): boolean {
  return r.escalatedAt === null && isOverdue(r, now);
}

/** The request as the overdue sweep escalates it at `at`. */
export function escalated(r: SupportRequest, at: string): SupportRequest {
  return { ...r, escalatedAt: at, updatedAt: at, version: r.version + 1 };
}

/** Whether a committed change of a request (its record after the change, and the change's time) is its escalation. */
export function isEscalationChange(after: Pick<SupportRequest, 'escalatedAt'>, at: string): boolean {
  return after.escalatedAt !== null && after.escalatedAt === at;
}
