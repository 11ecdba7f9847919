import { activityVisibility } from '../access/activity.ts';
import { accessFacts } from '../access/facts.ts';
import { type Activity, type ActivityAction, checkStep, isApproved, settledState } from '../domain/activity.ts';
import { activityConcernSchema, activityResponseSchema } from '../domain/activity-input.ts';
import type { SeenActivity } from '../domain/activity-view.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { requirePermission } from '../domain/roles.ts';
import type { Store } from '../store/store.ts';
import { checkVersion, ownActivity, requirePlanner } from './activities.ts';
import { writtenActivityAsSeen } from './activity-reads.ts';
import type { Actor } from './actor.ts';
import { zodToSeamError } from './validation.ts';

/**
 * An organisation's answer to a notification: it acknowledges (with an optional comment) or
 * raises a concern (saying what it is). Only an organisation that was notified answers, for
 * itself; a later answer replaces its earlier one. The activity settles: any concern makes it
 * `conflict_raised`, every acknowledgement (and, joint, every approval) `acknowledged`.
 */
export async function answerActivity(
  store: Store,
  actor: Actor,
  id: string,
  answer: 'acknowledged' | 'concern',
  body: unknown,
): Promise<SeenActivity> {
  requirePermission(actor.roles, 'activity:respond');
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
  const parsed = (answer === 'concern' ? activityConcernSchema : activityResponseSchema).safeParse(body ?? {});
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const comment = parsed.data.comment ? parsed.data.comment : null;
  const written = await store.write(actor.userId, async (tx) => {
    const before = await tx.activities.find(id);
    const facts = await accessFacts(store);
    const mine = before?.notifications.find((n) => n.org === actor.org);
    // An organisation that may not see the activity learns no more than a read would tell it.
    if (!before || (!mine && activityVisibility(actor, before, facts) === 'none'))
      throw new SeamError('not_found', `no activity ${id}`);
    if (before.ownerOrgs.includes(actor.org)) {
      const reason = `${actor.org} owns this activity: owners approve a joint activity, they do not acknowledge it`;
      throw new SeamError('forbidden', `org: ${reason}`, [{ field: 'org', reason }]);
    }
    checkStep(before.state, 'respond');
    if (!mine) {
      const reason = `${actor.org} was not notified of activity ${id}`;
      throw new SeamError('forbidden', `org: ${reason}`, [{ field: 'org', reason }]);
    }
    const notifications = before.notifications.map((n) =>
      n.org === actor.org ? { ...n, status: answer, by: actor.userId, at: tx.at, comment } : n,
    );
    const next = { ...before, notifications };
    const after: Activity = { ...next, state: settledState(next), updatedAt: tx.at, version: before.version + 1 };
    await tx.activities.update(after, {
      action: answer === 'concern' ? 'activity.concern' : 'activity.acknowledge',
      detail: { org: actor.org, comment, state: after.state },
    });
    return after;
  });
  return writtenActivityAsSeen(store, actor, written);
}

/** One owner organisation approves a joint activity; it counts as approved once every owner has. */
export async function approveActivity(store: Store, actor: Actor, id: string): Promise<SeenActivity> {
  requirePlanner(actor);
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownActivity(tx, actor, id, facts);
    if (before.ownerOrgs.length < 2)
      throw invalid('owner_orgs', 'only a joint activity (two or more owners) is approved');
    checkStep(before.state, 'approve');
    const approvals = before.approvals.some((a) => a.org === actor.org)
      ? before.approvals
      : [...before.approvals, { org: actor.org, by: actor.userId, at: tx.at }];
    const next = { ...before, approvals };
    const after: Activity = { ...next, state: settledState(next), updatedAt: tx.at, version: before.version + 1 };
    await tx.activities.update(after, {
      action: 'activity.approve',
      detail: { org: actor.org, approved: isApproved(after), state: after.state },
    });
    return after;
  });
  return writtenActivityAsSeen(store, actor, written);
}

const stepTo = { start: 'under_way', done: 'done', cancel: 'cancelled' } as const;

/**
 * Moves an activity on: `start` (from acknowledged to under way), `done` (from under way) or
 * `cancel` (from any state before done). Only its owners, naming the version they move; a step
 * that skips one is refused.
 */
export async function stepActivity(
  store: Store,
  actor: Actor,
  id: string,
  step: keyof typeof stepTo & ActivityAction,
  version: number,
  reason: string | null,
): Promise<SeenActivity> {
  requirePlanner(actor);
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownActivity(tx, actor, id, facts);
    checkVersion(before, version);
    checkStep(before.state, step);
    const after: Activity = { ...before, state: stepTo[step], updatedAt: tx.at, version: before.version + 1 };
    await tx.activities.update(after, {
      action: `activity.${step}`,
      detail: { before: before.state, after: after.state, reason },
    });
    return after;
  });
  return writtenActivityAsSeen(store, actor, written);
}
