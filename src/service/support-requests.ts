import { accessFacts } from '../access/facts.ts';
import { incidentVisibility } from '../access/incident.ts';
import { mayReadRequest } from '../access/support-request.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { parseReleasability } from '../domain/releasability.ts';
import {
  defaultResponseDeadlines,
  escalated,
  needsEscalation,
  type ResponseDeadlines,
  responseDeadline,
  type SupportRequest,
  supportRequestPriorities,
} from '../domain/support-request.ts';
import { type MedevacInput, stepBodySchemas, supportRequestCreateSchema } from '../domain/support-request-input.ts';
import {
  addresseeOrgs,
  requesterRoles,
  type StepInput,
  type SupportRequestStep,
  takeStep,
} from '../domain/support-request-steps.ts';
import { fromMgrs } from '../geo/mgrs.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { runEvery } from './periodic-task.ts';
import { readSupportRequest, type SupportRequestView } from './support-request-reads.ts';
import { zodToSeamError } from './validation.ts';

/** The site setting holding the response deadline of each priority, in minutes (JSON). */
export const deadlineSetting = 'support_request_deadlines';
const dayMs = 86_400_000;

function requireWriter(actor: Actor): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

/** The site's response deadlines: its setting, falling back to the defaults priority by priority. */
export async function responseDeadlines(store: Pick<Store, 'settings'>): Promise<ResponseDeadlines> {
  const text = await store.settings.get(deadlineSetting);
  const set = text === null ? {} : (JSON.parse(text) as Partial<ResponseDeadlines>);
  const out = { ...defaultResponseDeadlines };
  for (const p of supportRequestPriorities) {
    const v = set[p];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[p] = v;
  }
  return out;
}

/** Sets the response deadline of some priorities, in minutes (1 minute to 30 days). */
export async function setResponseDeadlines(
  store: Store,
  actor: Actor | null,
  minutes: Partial<ResponseDeadlines>,
): Promise<ResponseDeadlines> {
  if (actor && !actor.roles.includes('admin')) throw new SeamError('forbidden', 'only administrators set deadlines');
  const next = { ...(await responseDeadlines(store)) };
  for (const p of supportRequestPriorities) {
    const v = minutes[p];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1 || v > 30 * 24 * 60) throw invalid(p, 'minutes from 1 to 43200 (30 days)');
    next[p] = v;
  }
  await store.write(actor?.userId ?? null, async (tx) => {
    await tx.settings.set(deadlineSetting, JSON.stringify(next));
    await tx.audit({ action: 'support_request.deadlines', detail: next });
  });
  return next;
}

function medevacOf(m: MedevacInput): SupportRequest['medevac'] {
  const p = m.patients_by_precedence;
  const s = m.patients_by_status;
  return {
    frequency: m.frequency,
    callSign: m.call_sign,
    patientsByPrecedence: {
      urgent: p.urgent,
      urgentSurgical: p.urgent_surgical,
      priority: p.priority,
      routine: p.routine,
      convenience: p.convenience,
    },
    equipment: m.equipment,
    litter: m.litter,
    ambulatory: m.ambulatory,
    security: m.security,
    marking: m.marking,
    patientsByStatus: {
      ownMilitary: s.own_military,
      ownCivilian: s.own_civilian,
      partnerMilitary: s.partner_military,
      partnerCivilian: s.partner_civilian,
      detainee: s.detainee,
    },
    nbc: m.nbc,
    terrain: m.terrain,
  };
}

/**
 * Files a support request for the actor's organisation through the one write path. Every field is
 * checked first — the addressee exists and is not the requester, the location, the times, the
 * linked incident is one the actor may see (one it may not see is reported exactly as one that
 * does not exist) — and nothing is written when one fails.
 */
export async function createSupportRequest(store: Store, actor: Actor, body: unknown): Promise<SupportRequestView> {
  requireWriter(actor);
  if (!actor.roles.some((r) => requesterRoles.includes(r)))
    throw new SeamError('forbidden', `asking for support needs one of the roles: ${requesterRoles.join(', ')}`);
  const parsed = supportRequestCreateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const v = parsed.data;
  const facts = await accessFacts(store);
  if (v.addressed_org !== undefined) {
    if (v.addressed_org === actor.org) throw invalid('addressed_org', 'may not be your own organisation');
    if (!(await store.organisations.find(v.addressed_org)))
      throw invalid('addressed_org', `no organisation "${v.addressed_org}"`);
  }
  if (v.addressed_jcc !== undefined) {
    const members = facts.jccMembers.get(v.addressed_jcc);
    if (!members) throw invalid('addressed_jcc', `no JCC "${v.addressed_jcc}"`);
    if (![...members].some((o) => o !== actor.org))
      throw invalid('addressed_jcc', 'has no member organisation besides yours to answer');
  }
  let lon: number;
  let lat: number;
  if (v.mgrs !== undefined) {
    const m = fromMgrs(v.mgrs);
    if (m.precisionM > 1000) throw invalid('mgrs', 'give at least 3 digits per coordinate (a 1 km square)');
    ({ lon, lat } = m);
  } else {
    lon = v.lon as number;
    lat = v.lat as number;
  }
  const now = store.now().getTime();
  const neededAt = Date.parse(v.needed_at);
  if (neededAt < now - dayMs) throw invalid('needed_at', 'more than a day in the past');
  if (neededAt > now + 365 * dayMs) throw invalid('needed_at', 'more than a year ahead');
  const releasability = parseReleasability(v.releasability);
  if (releasability.scope === 'group' && !(await store.sharingGroups.find(releasability.group)))
    throw invalid('releasability', `no sharing group "${releasability.group}"`);
  if (v.linked_incident !== null) {
    const sharing = await store.incidents.sharing(v.linked_incident);
    if (!sharing || incidentVisibility(actor, sharing, facts) === 'none')
      throw invalid('linked_incident', `no incident ${v.linked_incident}`);
  }
  const deadlines = await responseDeadlines(store);
  const written = await store.write(actor.userId, async (tx) => {
    const r: SupportRequest = {
      id: newId(Date.parse(tx.at)),
      kind: v.kind,
      requesterOrg: actor.org,
      addressedOrg: v.addressed_org ?? null,
      addressedJcc: v.addressed_jcc ?? null,
      priority: v.priority,
      respondBy: responseDeadline(tx.at, v.priority, deadlines),
      lon,
      lat,
      neededAt: new Date(neededAt).toISOString(),
      neededUntil: v.needed_until === null ? null : new Date(v.needed_until).toISOString(),
      details: v.details,
      medevac: v.medevac === undefined ? null : medevacOf(v.medevac),
      linkedIncident: v.linked_incident,
      releasability,
      state: 'requested',
      responderOrg: null,
      declineReason: null,
      question: null,
      answer: null,
      assignedUnit: null,
      cancelReason: null,
      acceptedAt: null,
      completedAt: null,
      escalatedAt: null,
      createdAt: tx.at,
      updatedAt: tx.at,
      version: 1,
    };
    await tx.supportRequests.insert(r);
    return r;
  });
  return readSupportRequest(store, actor, written.id);
}

/**
 * Takes one step of a request's state machine as the actor, through the one write path: the
 * request is read inside the transaction, the pure state machine decides (refusing a step the
 * state or the actor's organisation or roles do not allow), and the new state is written with its
 * change-log and audit entries. A request the actor may not see answers 404.
 */
export async function takeSupportRequestStep(
  store: Store,
  actor: Actor,
  id: string,
  input: StepInput,
): Promise<SupportRequestView> {
  requireWriter(actor);
  const facts = await accessFacts(store);
  await store.write(actor.userId, async (tx) => {
    const r = await tx.supportRequests.find(id);
    if (!r || !mayReadRequest(actor, r, facts)) throw new SeamError('not_found', `no support request ${id}`);
    const members = r.addressedJcc === null ? new Set<string>() : (facts.jccMembers.get(r.addressedJcc) ?? new Set());
    const next = takeStep(r, input, actor, addresseeOrgs(r, members), tx.at);
    await tx.supportRequests.update(next, {
      action: `support_request.${input.step}`,
      detail: { from: r.state, to: next.state },
    });
  });
  return readSupportRequest(store, actor, id);
}

/** Takes one step from a body given from outside (the CLI's options), checked with the step's own schema first. */
export function takeSupportRequestStepFrom(
  store: Store,
  actor: Actor,
  id: string,
  step: SupportRequestStep,
  body: unknown,
): Promise<SupportRequestView> {
  const parsed = stepBodySchemas[step].safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  return takeSupportRequestStep(store, actor, id, { step, ...parsed.data } as StepInput);
}

/**
 * Escalates every request overdue at `now` that was not escalated before: one `update` change each
 * (`escalated_at` set to the change's own time, audit action `support_request.escalate`), through
 * the one write path, so the live stream and whatever reacts to changes (alerts: see
 * `isEscalationChange`) hear of it once. Returns the ids escalated.
 */
export async function escalateOverdueRequests(store: Store, now: Date = store.now()): Promise<string[]> {
  const done: string[] = [];
  for (;;) {
    const due = await store.supportRequests.dueForEscalation(now.toISOString(), 200);
    if (due.length === 0) return done;
    const ids = await store.write(null, async (tx) => {
      const escalatedIds: string[] = [];
      for (const { id } of due) {
        // Re-read inside the transaction: an answer may have come in since.
        const r = await tx.supportRequests.find(id);
        if (!r || !needsEscalation(r, now)) continue;
        await tx.supportRequests.update(escalated(r, tx.at), {
          action: 'support_request.escalate',
          detail: { respond_by: r.respondBy, priority: r.priority, to: r.addressedOrg ?? r.addressedJcc },
        });
        escalatedIds.push(id);
      }
      return escalatedIds;
    });
    done.push(...ids);
    if (due.length < 200 || ids.length === 0) return done;
  }
}

/** Runs the overdue sweep every `everyMs` until stopped; a failed sweep is reported and the next one runs. */
export function startOverdueSweep(store: Store, everyMs: number, onError: (err: unknown) => void): () => void {
  return runEvery(() => escalateOverdueRequests(store), everyMs, onError);
}
