import { activityVisibility } from '../access/activity.ts';
import { accessFacts } from '../access/facts.ts';
import type { AccessFacts } from '../access/policy.ts';
import {
  type Activity,
  type ActivityArea,
  activityLimits,
  type Conflict,
  checkActivityWindow,
  checkOwner,
  checkStep,
  notificationsFor,
  settledState,
} from '../domain/activity.ts';
import { type ActivityCreate, activityCreateSchema, activityUpdateSchema } from '../domain/activity-input.ts';
import type { SeenActivity } from '../domain/activity-view.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { parseReleasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import { checkTearline, tearlineFromInput } from '../domain/tearline.ts';
import { areaAnchor } from '../geo/activity-area.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { newId } from '../store/ids.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/write-path.ts';
import { resolveArea } from './activity-area.ts';
import { writtenActivityAsSeen } from './activity-reads.ts';
import { activityKinds, deconflictionRules } from './activity-settings.ts';
import type { Actor } from './actor.ts';
import { deconflict } from './deconfliction.ts';
import { zodToSeamError } from './validation.ts';

/** Throws unless the actor may plan activities and writes with a read-write credential. */
export function requirePlanner(actor: Actor): void {
  requirePermission(actor.roles, 'activity:plan');
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

async function checkKind(reads: Pick<ReadRepositories, 'settings'>, kind: string): Promise<void> {
  const kinds = await activityKinds(reads);
  if (!kinds.includes(kind)) throw invalid('kind', `unknown activity kind "${kind}" (one of: ${kinds.join(', ')})`);
}

async function checkOwners(
  reads: Pick<ReadRepositories, 'organisations'>,
  actor: Actor,
  owners: string[],
): Promise<void> {
  if (new Set(owners).size !== owners.length) throw invalid('owner_orgs', 'lists an organisation twice');
  if (!owners.includes(actor.org)) {
    const reason = `you plan for your own organisation (${actor.org}): list it among the owners`;
    throw new SeamError('forbidden', `owner_orgs: ${reason}`, [{ field: 'owner_orgs', reason }]);
  }
  for (const [k, org] of owners.entries())
    if (!(await reads.organisations.find(org))) throw invalid(`owner_orgs.${k}`, `no organisation "${org}"`);
}

/** The JCC an activity is coordinated through: the one named, or the one whose AOR holds its area. */
async function jccOf(
  reads: Pick<ReadRepositories, 'jccs'>,
  named: string | undefined,
  area: ActivityArea,
): Promise<string | null> {
  if (named !== undefined) {
    if (!(await reads.jccs.find(named))) throw invalid('jcc', `no JCC "${named}"`);
    return named;
  }
  const anchor = areaAnchor(area);
  return (await reads.jccs.list()).find((j) => pointInAreal(anchor, j.aor))?.code ?? null;
}

const recurrenceOf = (r: { until: string } | null | undefined) => (r ? { until: r.until } : null);

/** Validates a plan and makes the draft activity it describes, not yet written; nothing is written on a refusal. */
export async function activityDraft(
  store: Store,
  actor: Actor,
  body: unknown,
  options: { exercise?: boolean } = {},
): Promise<Activity> {
  const parsed = activityCreateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input: ActivityCreate = parsed.data;
  await checkKind(store, input.kind);
  const owners = input.owner_orgs ?? [actor.org];
  await checkOwners(store, actor, owners);
  const recurrence = recurrenceOf(input.recurrence);
  checkActivityWindow(input.start, input.end, recurrence);
  const area = await resolveArea(store, input.area);
  const releasability = input.releasability ? parseReleasability(input.releasability) : { scope: 'partners' as const };
  const now = store.now();
  const at = now.toISOString();
  return {
    id: newId(now.getTime()),
    kind: input.kind,
    ownerOrgs: owners,
    unit: input.unit,
    area,
    place: input.place ?? null,
    start: new Date(input.start).toISOString(),
    end: new Date(input.end).toISOString(),
    recurrence,
    contact: input.contact ?? null,
    jcc: await jccOf(store, input.jcc, area),
    releasability,
    tearline: tearlineFromInput(input.tearline, releasability),
    state: 'draft',
    conflicts: [],
    conflictsOmitted: 0,
    notifications: [],
    approvals: [],
    deconflictedAt: null,
    createdBy: actor.userId,
    // Synthetic exercise data (the demo's) is marked as such; nothing from outside can ask for it.
    exercise: options.exercise ?? false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Plans an activity as a draft: nobody is told until it is notified. */
export async function planActivity(
  store: Store,
  actor: Actor,
  body: unknown,
  options: { exercise?: boolean } = {},
): Promise<SeenActivity> {
  requirePlanner(actor);
  const draft = await activityDraft(store, actor, body, options);
  await store.write(actor.userId, (tx) =>
    tx.activities.insert(draft, { action: 'activity.create', detail: { kind: draft.kind, owners: draft.ownerOrgs } }),
  );
  return writtenActivityAsSeen(store, actor, draft);
}

/**
 * The conflicts a draft would have if it were notified now, without writing anything: what the
 * planner sees before sending. The answer is the planner's own view (conflicts through their tearlines).
 */
export async function previewDeconfliction(store: Store, actor: Actor, body: unknown): Promise<SeenActivity> {
  requirePlanner(actor);
  const draft = await activityDraft(store, actor, body);
  const conflicts = await deconflict(store, draft, await deconflictionRules(store), store.now().getTime());
  const jccMembers = draft.jcc ? ((await store.jccs.find(draft.jcc))?.members ?? []) : [];
  return writtenActivityAsSeen(store, actor, {
    ...draft,
    ...kept(conflicts),
    notifications: concerned(draft, conflicts, jccMembers, await accessFacts(store)),
    deconflictedAt: draft.createdAt,
  });
}

/** An activity for a write: missing if the actor may not see it at all, refused unless the actor's organisation owns it. */
export async function ownActivity(tx: Tx, actor: Actor, id: string, facts: AccessFacts): Promise<Activity> {
  const a = await tx.activities.find(id);
  const seen =
    a && (activityVisibility(actor, a, facts) !== 'none' || a.notifications.some((n) => n.org === actor.org));
  if (!a || !seen) throw new SeamError('not_found', `no activity ${id}`);
  checkOwner(a, actor.org);
  return a;
}

/** Checks the version a caller changes is the current one. */
export function checkVersion(a: Activity, version: number): void {
  if (version !== a.version)
    throw new SeamError(
      'conflict',
      `activity ${a.id} is at version ${a.version}, not ${version}: reload it and try again`,
      [{ field: 'version', reason: `the activity is at version ${a.version}` }],
    );
}

/** The conflicts an activity keeps: the nearest, up to the limit, and how many more there were. Everyone concerned is still notified. */
function kept(conflicts: Conflict[]): Pick<Activity, 'conflicts' | 'conflictsOmitted'> {
  const max = activityLimits.maxStoredConflicts;
  return { conflicts: conflicts.slice(0, max), conflictsOmitted: Math.max(0, conflicts.length - max) };
}

/**
 * The notifications of an activity: the organisations concerned (owners of conflicting activities
 * and presence, members of its JCC) that its releasability (or tearline) lets see it. The owners
 * decide who may know of an activity; an organisation concerned that may not see it is not told,
 * and the owners see only the conflict's tearline and the JCC to contact about it.
 */
function concerned(a: Activity, conflicts: Conflict[], jccMembers: readonly string[], facts: AccessFacts) {
  return notificationsFor(a.ownerOrgs, conflicts, jccMembers).filter(
    (n) => activityVisibility({ org: n.org }, a, facts) !== 'none',
  );
}

/**
 * Deconflicts an activity inside the write's transaction and notifies everyone concerned: the
 * conflicts are stored with it, every answer starts afresh, and the planning organisation's
 * approval stands. Used when it is first notified and whenever it changes after that.
 */
async function renotified(tx: Tx, actor: Actor, a: Activity, now: number, facts: AccessFacts): Promise<Activity> {
  const conflicts = await deconflict(tx, a, await deconflictionRules(tx), now);
  const jccMembers = a.jcc ? ((await tx.jccs.find(a.jcc))?.members ?? []) : [];
  const next: Activity = {
    ...a,
    ...kept(conflicts),
    notifications: concerned(a, conflicts, jccMembers, facts),
    approvals: [{ org: actor.org, by: actor.userId, at: tx.at }],
    deconflictedAt: tx.at,
  };
  return { ...next, state: settledState(next) };
}

/** Sends a draft: deconflicts it, stores the conflicts with the notification and tells every organisation concerned. */
export async function notifyActivity(store: Store, actor: Actor, id: string): Promise<SeenActivity> {
  requirePlanner(actor);
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownActivity(tx, actor, id, facts);
    checkStep(before.state, 'notify');
    const after = {
      ...(await renotified(tx, actor, before, store.now().getTime(), facts)),
      updatedAt: tx.at,
      version: before.version + 1,
    };
    await tx.activities.update(after, {
      action: 'activity.notify',
      detail: {
        conflicts: after.conflicts.length,
        notified: after.notifications.map((n) => n.org),
        state: after.state,
      },
    });
    return after;
  });
  return writtenActivityAsSeen(store, actor, written);
}

/**
 * Changes a planned activity (its owners only, naming the version they change). After it was
 * notified, deconfliction runs again and everyone concerned is notified afresh.
 */
export async function updateActivity(store: Store, actor: Actor, id: string, body: unknown): Promise<SeenActivity> {
  requirePlanner(actor);
  const parsed = activityUpdateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input = parsed.data;
  if (input.kind !== undefined) await checkKind(store, input.kind);
  const area = input.area ? await resolveArea(store, input.area) : null;
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownActivity(tx, actor, id, facts);
    checkVersion(before, input.version);
    checkStep(before.state, 'update');
    const releasability = input.releasability ? parseReleasability(input.releasability) : before.releasability;
    const tearline = input.tearline === undefined ? before.tearline : tearlineFromInput(input.tearline, releasability);
    if (tearline && input.tearline === undefined) checkTearline(releasability, tearline);
    const changed: Activity = {
      ...before,
      kind: input.kind ?? before.kind,
      unit: input.unit ?? before.unit,
      area: area ?? before.area,
      place: input.place === undefined ? before.place : input.place,
      start: input.start ? new Date(input.start).toISOString() : before.start,
      end: input.end ? new Date(input.end).toISOString() : before.end,
      recurrence: input.recurrence === undefined ? before.recurrence : recurrenceOf(input.recurrence),
      contact: input.contact === undefined ? before.contact : input.contact,
      jcc: area ? await jccOf(tx, undefined, area) : before.jcc,
      releasability,
      tearline,
      updatedAt: tx.at,
      version: before.version + 1,
    };
    checkActivityWindow(changed.start, changed.end, changed.recurrence);
    const after =
      before.state === 'draft' ? changed : await renotified(tx, actor, changed, store.now().getTime(), facts);
    const fields = (Object.keys(input) as string[]).filter((k) => k !== 'version');
    await tx.activities.update(after, { action: 'activity.update', detail: { fields, state: after.state } });
    return after;
  });
  return writtenActivityAsSeen(store, actor, written);
}
