import { type Activity, dueForEscalation } from '../domain/activity.ts';
import type { Store } from '../store/store.ts';
import { ackDeadlineMs } from './activity-settings.ts';

/** How many activities one sweep looks at, at most; the next sweep takes the rest. */
const sweepBatch = 500;

/**
 * Escalates every notification still unanswered past its deadline (the setting
 * `activity_ack_deadline_min` before the activity's start, default 2 hours) to the liaison of the
 * activity's JCC: the notification is marked escalated through the one write path, so the change
 * (audit action `activity.escalate`, naming the organisations and the JCC) reaches the live stream
 * and anything listening on the bus. `now` is the sweep's clock. Answers the number of notifications escalated.
 */
export async function escalateOverdue(store: Store, now: Date): Promise<number> {
  const deadline = await ackDeadlineMs(store);
  const t = now.getTime();
  const candidates = await store.activities.awaitingAnswers(new Date(t + deadline).toISOString(), sweepBatch);
  let escalated = 0;
  for (const candidate of candidates) {
    if (dueForEscalation(candidate, t, deadline).length === 0) continue;
    escalated += await store.write(null, async (tx) => {
      // Read again inside the transaction: an answer may have arrived since.
      const before = await tx.activities.find(candidate.id);
      if (!before) return 0;
      const orgs = dueForEscalation(before, t, deadline);
      if (orgs.length === 0) return 0;
      const at = now.toISOString();
      const after: Activity = {
        ...before,
        notifications: before.notifications.map((n) => (orgs.includes(n.org) ? { ...n, escalatedAt: at } : n)),
        updatedAt: tx.at,
        version: before.version + 1,
      };
      await tx.activities.update(after, {
        action: 'activity.escalate',
        detail: { orgs, jcc: before.jcc, deadlineMs: deadline },
      });
      return orgs.length;
    });
  }
  return escalated;
}
