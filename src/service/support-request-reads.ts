import { accessFacts } from '../access/facts.ts';
import type { ReferencedIncidents } from '../access/incident.ts';
import type { AccessFacts, Reader } from '../access/policy.ts';
import { mayReadRequest, seeSupportRequest } from '../access/support-request.ts';
import { SeamError } from '../domain/errors.ts';
import { fieldChanges, type HistoryEntry } from '../domain/history-entry.ts';
import { supportRequestRecord } from '../domain/records/support-request.ts';
import { responseTimes } from '../domain/response-times.ts';
import { isOverdue, type SupportRequest } from '../domain/support-request.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import type { IncidentSharing } from '../store/incidents.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { SupportRequestCursor, SupportRequestFilter } from '../store/support-requests.ts';
import type { Actor } from './actor.ts';
import { historyAuthors } from './history-authors.ts';
import { type Page, visiblePage } from './paging.ts';

export type { SupportRequestFilter } from '../store/support-requests.ts';

/** A support request as its reader may see it, and whether it is overdue as of the read. */
export interface SupportRequestView {
  request: SupportRequest;
  overdue: boolean;
}

/** Who may see the incidents a batch of requests is linked to, looked up once for the batch. */
export async function linkedIncidents(
  reads: Pick<ReadRepositories, 'incidents'>,
  requests: Iterable<Pick<SupportRequest, 'linkedIncident'>>,
): Promise<ReferencedIncidents> {
  const known = new Map<string, IncidentSharing | null>();
  for (const r of requests) {
    if (r.linkedIncident !== null && !known.has(r.linkedIncident))
      known.set(r.linkedIncident, await reads.incidents.sharing(r.linkedIncident));
  }
  return (id) => known.get(id) ?? undefined;
}

/** Who may see the incidents that the support requests among a batch of changes are linked to. */
export function linkedIncidentsOfChanges(
  reads: Pick<ReadRepositories, 'incidents'>,
  entries: readonly ChangeLogEntry[],
): Promise<ReferencedIncidents> {
  return linkedIncidents(
    reads,
    entries
      .filter((e) => e.recordType === 'support_request' && e.data !== null)
      .map((e) => supportRequestRecord.fromLog(e.data)),
  );
}

/** The requests the reader may see of a batch, as it may see them. */
async function seeAll(
  store: Store,
  reader: Reader,
  requests: readonly SupportRequest[],
  facts: AccessFacts,
): Promise<SupportRequest[]> {
  const referenced = await linkedIncidents(store, requests);
  return requests.map((r) => seeSupportRequest(reader, r, facts, referenced)).filter((r) => r !== null);
}

function view(r: SupportRequest, now: Date): SupportRequestView {
  return { request: r, overdue: isOverdue(r, now) };
}

/** One request as the actor may see it; one it may not see is reported as missing. */
export async function readSupportRequest(store: Store, actor: Actor, id: string): Promise<SupportRequestView> {
  const r = await store.supportRequests.find(id);
  const [seen] = r ? await seeAll(store, actor, [r], await accessFacts(store)) : [];
  if (!seen) throw new SeamError('not_found', `no support request ${id}`);
  return view(seen, store.now());
}

/** A page of the requests the actor may see, overdue first, then by response deadline. */
export async function listSupportRequests(
  store: Store,
  actor: Actor,
  filter: SupportRequestFilter,
  after: SupportRequestCursor | null,
  limit: number,
): Promise<Page<SupportRequestView, SupportRequestCursor>> {
  const facts = await accessFacts(store);
  const now = store.now();
  const asOf = now.toISOString();
  const jccs = [...facts.jccMembers].filter(([, members]) => members.has(actor.org)).map(([code]) => code);
  const couldRead = { org: actor.org, jccs };
  const page = await visiblePage(
    (cursor, batch) => store.supportRequests.query({ ...filter, couldRead }, asOf, cursor, batch),
    (r) => mayReadRequest(actor, r, facts),
    (r) => ({ overdue: isOverdue(r, now), respondBy: r.respondBy, id: r.id }),
    after,
    limit,
  );
  const items = await seeAll(store, actor, page.items, facts);
  return { items: items.map((r) => view(r, now)), next: page.next };
}

/** Every request matching the filter that the actor may see, in list order (for exports and stats). */
export async function allVisibleSupportRequests(
  store: Store,
  actor: Actor,
  filter: SupportRequestFilter,
): Promise<SupportRequestView[]> {
  const all: SupportRequestView[] = [];
  let cursor: SupportRequestCursor | null = null;
  do {
    const page = await listSupportRequests(store, actor, filter, cursor, 1000);
    all.push(...page.items);
    cursor = page.next;
  } while (cursor !== null);
  return all;
}

/**
 * Every version of a request — who, when, which fields from what to what — read from the change
 * log, each version as the actor may see it (and overdue or not as of that change), in the form
 * `present` gives. Only for readers who may see the request.
 */
export async function supportRequestHistory<W extends Record<string, unknown>>(
  store: Store,
  actor: Actor,
  id: string,
  present: (r: SupportRequest, overdue: boolean) => W,
): Promise<HistoryEntry[]> {
  const facts = await accessFacts(store);
  const current = await store.supportRequests.find(id);
  if (!current || !mayReadRequest(actor, current, facts)) throw new SeamError('not_found', `no support request ${id}`);
  const entries = await store.changeLog.ofRecord('support_request', id);
  const versions = entries.map((e) => (e.data === null ? null : supportRequestRecord.fromLog(e.data)));
  const referenced = await linkedIncidents(
    store,
    versions.filter((v) => v !== null),
  );
  const nameOf = await historyAuthors(store, entries);
  let previous: W | null = null;
  const history: HistoryEntry[] = [];
  for (const [n, e] of entries.entries()) {
    const v = versions[n];
    const seen = v === null ? null : seeSupportRequest(actor, v, facts, referenced);
    // A version outside the reader's audience is left out: the present one decides who reads the history.
    if (v !== null && seen === null) continue;
    // Overdue as of the change: the escalation's version shows it, the answer after it does not.
    const wire = seen === null ? null : present(seen, isOverdue(seen, new Date(e.at)));
    const changes = fieldChanges(previous, wire);
    previous = wire;
    history.push({
      version: v?.version ?? 0,
      at: e.at,
      by: nameOf(e.actor),
      op: e.op,
      changes,
    });
  }
  return history;
}

/** The period response times are measured over: requests created in it (default: the last 30 days). */
export interface StatsPeriod {
  since?: string;
  until?: string;
}

/**
 * Time to accept and to complete, median and 90th percentile, per responding organisation and
 * per addressed JCC, over the requests created in the period that the actor may see.
 */
export async function supportRequestStats(store: Store, actor: Actor, period: StatsPeriod) {
  const now = store.now();
  const since = period.since ?? new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const until = period.until ?? now.toISOString();
  if (Date.parse(until) <= Date.parse(since))
    throw new SeamError('validation', 'until: must be after since', [
      { field: 'until', reason: 'must be after since' },
    ]);
  const seen = await allVisibleSupportRequests(store, actor, { since, until });
  return { since, until, ...responseTimes(seen.map((v) => v.request)) };
}

/** Every request matching the filter that the actor may see, for an export; the export is audited. */
export async function exportSupportRequests(
  store: Store,
  actor: Actor,
  filter: SupportRequestFilter,
  format: string,
): Promise<SupportRequestView[]> {
  const views = await allVisibleSupportRequests(store, actor, filter);
  await store.write(actor.userId, (tx) =>
    tx.audit({ action: 'support_requests.export', detail: { format, filter, count: views.length } }),
  );
  return views;
}
