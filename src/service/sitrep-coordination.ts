import type { ActivityView } from '../domain/activity-view.ts';
import type { Jcc } from '../domain/jcc.ts';
import { summarise } from '../domain/response-times.ts';
import type { SitrepActivity, SitrepCoordination } from '../domain/sitrep.ts';
import { isOverdue, type SupportRequest } from '../domain/support-request.ts';
import type { Store } from '../store/store.ts';
import { listActivities } from './activity-reads.ts';
import type { Actor } from './actor.ts';
import { allVisibleSupportRequests } from './support-request-reads.ts';

/** The most activities a report lists in each of its two lists. */
export const maxSitrepActivities = 50;

const notHappening = new Set(['draft', 'cancelled']);

function sitrepActivity(a: ActivityView): SitrepActivity {
  return {
    id: a.id,
    kind: a.kind,
    title: a.place ? `${a.unit}, ${a.place}` : a.unit,
    start: a.start,
    end: a.end,
    state: a.state,
    conflicts: a.conflicts.length + a.conflictsOmitted,
  };
}

/** The activities of the JCC the reader may see whole, running at some time in [from, to). */
async function jccActivities(store: Store, reader: Actor, jcc: string, from: string, to: string) {
  const out: ActivityView[] = [];
  let cursor: string | null = null;
  do {
    const page = await listActivities(store, reader, { from, to }, cursor, 1000);
    for (const s of page.items) if (s.seen === 'record' && s.activity.jcc === jcc) out.push(s.activity);
    cursor = page.next;
  } while (cursor !== null && out.length < 10_000);
  return out.filter((a) => !notHappening.has(a.state));
}

/** Whether a request concerns the JCC: addressed to it, or asked by or of one of its member organisations. */
function concerns(r: SupportRequest, jcc: Jcc): boolean {
  return (
    r.addressedJcc === jcc.code ||
    jcc.members.includes(r.requesterOrg) ||
    (r.addressedOrg !== null && jcc.members.includes(r.addressedOrg))
  );
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * The coordination section of a report, from what the reader may see: the JCC's activities that
 * ran in the period and those planned for the next, with their deconfliction state and conflicts;
 * the support requests of the period (opened, answered, overdue at its end) and their response
 * times; and the organisations whose acknowledgement of an activity is still awaited.
 */
export async function sitrepCoordination(
  store: Store,
  reader: Actor,
  jcc: Jcc,
  period: { from: string; to: string },
  next: { from: string; to: string },
): Promise<SitrepCoordination> {
  const running = await jccActivities(store, reader, jcc.code, period.from, next.to);
  const done = running.filter((a) => a.start < period.to && a.end > period.from);
  const planned = running.filter((a) => a.start >= next.from && a.start < next.to);
  const byStart = (a: ActivityView, b: ActivityView) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  const requests = (await allVisibleSupportRequests(store, reader, { since: period.from, until: period.to }))
    .map((v) => v.request)
    .filter((r) => concerns(r, jcc));
  const end = new Date(period.to);
  const answeredBy = (t: string | null) => t !== null && t < period.to;
  const outstanding = [...done, ...planned]
    .filter((a) => a.state === 'notified' || a.state === 'conflict_raised' || a.state === 'acknowledged')
    .flatMap((a) =>
      a.notifications
        .filter((n) => n.status === 'pending' && n.org !== null)
        .map((n) => ({ activityId: a.id, title: sitrepActivity(a).title, org: n.org as string })),
    );
  return {
    activitiesDone: done.sort(byStart).slice(0, maxSitrepActivities).map(sitrepActivity),
    activitiesPlanned: planned.sort(byStart).slice(0, maxSitrepActivities).map(sitrepActivity),
    requests: {
      opened: requests.length,
      answered: requests.filter((r) => answeredBy(r.acceptedAt) || r.state === 'declined').length,
      overdue: requests.filter((r) => isOverdue(r, end)).length,
      toAccept: summarise(
        requests.filter((r) => answeredBy(r.acceptedAt)).map((r) => seconds(r.createdAt, r.acceptedAt!)),
      ),
      toComplete: summarise(
        requests.filter((r) => answeredBy(r.completedAt)).map((r) => seconds(r.createdAt, r.completedAt!)),
      ),
    },
    acknowledgementsOutstanding: outstanding,
  };
}
