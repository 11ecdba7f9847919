/**
 * The support request's state machine: which step may follow which state, who takes it, and the
 * request after it. Pure: the caller gathers the acting organisation, its roles and who the
 * addressee is, and writes the result through the write path.
 */
import { invalid, SeamError } from './errors.ts';
import type { Role } from './roles.ts';
import { maxReplyLength, type SupportRequest, type SupportRequestState } from './support-request.ts';

export const supportRequestSteps = [
  'accept',
  'decline',
  'needs_information',
  'answer',
  'assign',
  'start',
  'complete',
  'cancel',
] as const;
export type SupportRequestStep = (typeof supportRequestSteps)[number];

/** One step with what it carries: a decline its reason, a request for information its question… */
export type StepInput =
  | { step: 'accept' }
  | { step: 'decline'; reason: string }
  | { step: 'needs_information'; question: string }
  | { step: 'answer'; answer: string }
  | { step: 'assign'; unit: string }
  | { step: 'start' }
  | { step: 'complete' }
  | { step: 'cancel'; reason?: string | null };

/**
 * Which side takes a step: the addressee (the addressed organisation, or any member of the
 * addressed JCC but the requester), the responder (the organisation that accepted), or the requester.
 */
type Side = 'addressee' | 'responder' | 'requester';

interface StepRule {
  from: readonly SupportRequestState[];
  to: SupportRequestState;
  side: Side;
}

/** Each step: the states it may follow, the state it leads to, and who takes it. */
export const stepRules: Record<SupportRequestStep, StepRule> = {
  accept: { from: ['requested'], to: 'accepted', side: 'addressee' },
  decline: { from: ['requested'], to: 'declined', side: 'addressee' },
  needs_information: { from: ['requested'], to: 'needs_information', side: 'addressee' },
  answer: { from: ['needs_information'], to: 'requested', side: 'requester' },
  assign: { from: ['accepted'], to: 'assigned', side: 'responder' },
  start: { from: ['assigned'], to: 'under_way', side: 'responder' },
  complete: { from: ['under_way'], to: 'done', side: 'responder' },
  cancel: {
    from: ['requested', 'needs_information', 'accepted', 'assigned', 'under_way'],
    to: 'cancelled',
    side: 'requester',
  },
};

/** The roles that may ask for support and speak for the requester (answer, cancel). */
export const requesterRoles: readonly Role[] = ['reporter', 'analyst', 'liaison', 'admin'];
/** The roles that may answer for the addressee (accept, decline, ask, assign, start, complete). */
export const responderRoles: readonly Role[] = ['liaison', 'admin'];

/** The organisations that may answer a request: the addressed one, or the addressed JCC's members but the requester. */
export function addresseeOrgs(
  r: Pick<SupportRequest, 'addressedOrg' | 'addressedJcc' | 'requesterOrg'>,
  jccMembers: ReadonlySet<string>,
): Set<string> {
  if (r.addressedOrg !== null) return new Set([r.addressedOrg]);
  return new Set([...jccMembers].filter((o) => o !== r.requesterOrg));
}

/** Who is acting: their organisation and roles, and which organisations may answer this request. */
export interface StepActor {
  org: string;
  roles: readonly Role[];
}

function required(field: string, text: string | undefined | null): string {
  const t = (text ?? '').trim();
  if (t === '') throw invalid(field, 'is required for this step');
  if (t.length > maxReplyLength) throw invalid(field, `at most ${maxReplyLength} characters`);
  return t;
}

function checkActor(
  r: SupportRequest,
  step: SupportRequestStep,
  actor: StepActor,
  addressees: ReadonlySet<string>,
): void {
  const side = stepRules[step].side;
  const may =
    side === 'requester'
      ? actor.org === r.requesterOrg
      : side === 'addressee'
        ? addressees.has(actor.org)
        : // Before anyone has answered, the organisations that may answer are the would-be responders.
          r.responderOrg !== null
          ? actor.org === r.responderOrg
          : addressees.has(actor.org);
  if (!may) {
    const addressee =
      r.addressedJcc !== null
        ? `a member organisation of ${r.addressedJcc} other than the requester`
        : `the addressed organisation (${r.addressedOrg})`;
    const who =
      side === 'requester'
        ? `the requesting organisation (${r.requesterOrg})`
        : side === 'responder' && r.responderOrg !== null
          ? `the organisation that answered it (${r.responderOrg})`
          : addressee;
    throw new SeamError('forbidden', `step ${step}: only ${who} may take it`, [
      { field: 'step', reason: `only ${who} may ${step} this request` },
    ]);
  }
  const roles = side === 'requester' ? requesterRoles : responderRoles;
  if (!actor.roles.some((role) => roles.includes(role))) {
    throw new SeamError('forbidden', `step ${step} needs one of the roles: ${roles.join(', ')}`, [
      { field: 'step', reason: `needs one of the roles: ${roles.join(', ')}` },
    ]);
  }
}

/**
 * The request after one step taken at `at` by `actor`, or the error that refuses it: a 403 when
 * the actor's organisation or roles may not take the step, a 409 naming the step and the state
 * when the step may not follow the request's state, a 400 when the step lacks what it carries.
 */
export function takeStep(
  r: SupportRequest,
  input: StepInput,
  actor: StepActor,
  addressees: ReadonlySet<string>,
  at: string,
): SupportRequest {
  const rule = stepRules[input.step];
  checkActor(r, input.step, actor, addressees);
  if (!rule.from.includes(r.state)) {
    throw new SeamError(
      'conflict',
      `step ${input.step} may not follow state ${r.state} (it follows ${rule.from.join(' or ')})`,
      [{ field: 'step', reason: `${input.step} may not follow ${r.state}` }],
    );
  }
  const next: SupportRequest = { ...r, state: rule.to, updatedAt: at, version: r.version + 1 };
  switch (input.step) {
    case 'accept':
      return { ...next, responderOrg: actor.org, acceptedAt: at };
    case 'decline':
      return { ...next, responderOrg: actor.org, declineReason: required('reason', input.reason) };
    case 'needs_information':
      return { ...next, responderOrg: actor.org, question: required('question', input.question), answer: null };
    case 'answer':
      return { ...next, answer: required('answer', input.answer) };
    case 'assign':
      return { ...next, assignedUnit: required('unit', input.unit) };
    case 'start':
      return next;
    case 'complete':
      return { ...next, completedAt: at };
    case 'cancel':
      return { ...next, cancelReason: input.reason?.trim() ? required('reason', input.reason) : null };
  }
}
