import type { Role } from '../../domain/roles.ts';
import { awaitsResponse, type SupportRequestState } from '../../domain/support-request.ts';
import {
  requesterRoles,
  responderRoles,
  type SupportRequestStep,
  stepRules,
  supportRequestSteps,
} from '../../domain/support-request-steps.ts';
import type { SupportRequest } from './request-types.ts';

/** The board's columns, in the order a liaison works them: what waits for an answer first, what is closed last. */
export const boardStates: readonly SupportRequestState[] = [
  'requested',
  'needs_information',
  'accepted',
  'assigned',
  'under_way',
  'done',
  'declined',
  'cancelled',
];

/** Whether the request waits past its response deadline at `now` (the server flags it too; the clock moves on). */
export function overdueAt(r: Pick<SupportRequest, 'state' | 'respond_by' | 'overdue'>, now: number): boolean {
  return awaitsResponse(r.state) && (r.overdue || now > Date.parse(r.respond_by));
}

/** The requests of one state: overdue first, then the nearest response deadline, then the newest. */
export function boardOf(
  requests: readonly SupportRequest[],
  now: number,
): Array<{ state: SupportRequestState; items: SupportRequest[] }> {
  return boardStates
    .map((state) => ({
      state,
      items: requests
        .filter((r) => r.state === state)
        .sort(
          (a, b) =>
            Number(overdueAt(b, now)) - Number(overdueAt(a, now)) ||
            a.respond_by.localeCompare(b.respond_by) ||
            b.created_at.localeCompare(a.created_at),
        ),
    }))
    .filter((g) => g.items.length > 0);
}

/** Who is looking: their organisation and roles. */
export interface Reader {
  org: string;
  roles: readonly Role[];
}

/**
 * The steps the reader may take on a request now, as the server's state machine decides them
 * (`domain/support-request-steps.ts`): the state allows the step, the reader's organisation is the side
 * that takes it and their role may speak for it. `jccMembers` are the addressed JCC's member organisations.
 */
export function stepsFor(r: SupportRequest, reader: Reader, jccMembers: readonly string[]): SupportRequestStep[] {
  const addressees = r.addressed_org !== null ? [r.addressed_org] : jccMembers.filter((o) => o !== r.requester_org);
  return supportRequestSteps.filter((step) => {
    const rule = stepRules[step];
    if (!rule.from.includes(r.state)) return false;
    const side =
      rule.side === 'requester'
        ? reader.org === r.requester_org
        : rule.side === 'addressee'
          ? addressees.includes(reader.org)
          : r.responder_org !== null
            ? reader.org === r.responder_org
            : addressees.includes(reader.org);
    const roles = rule.side === 'requester' ? requesterRoles : responderRoles;
    return side && reader.roles.some((role) => roles.includes(role));
  });
}

/** The newer of two versions of one request (the live stream may replay what a read already gave). */
export function newer(a: SupportRequest | undefined, b: SupportRequest): SupportRequest {
  return a && a.version > b.version ? a : b;
}
