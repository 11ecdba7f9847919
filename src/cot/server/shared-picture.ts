/**
 * The shared picture of one TAK client: the incidents, activities, support requests and alerts its
 * user may see, sent on connect (those of the recent window) and then live, following the change
 * log the way the web app's live stream does (the same change pump, the same `seeRecord` rule).
 * A record the user may no longer see — narrowed, or deleted — is taken off the client's map (its
 * uid sent again, stale now).
 */
import type { SeenAlert } from '../../access/alert.ts';
import { accessFacts } from '../../access/facts.ts';
import type { SeenIncident } from '../../access/incident.ts';
import { type AccessFacts, audienceOrgs } from '../../access/policy.ts';
import type { ReadContext } from '../../access/record-access.ts';
import { seeRecord } from '../../access/record-access.ts';
import type { SeenActivity } from '../../domain/activity-view.ts';
import { recordTypes } from '../../domain/records/registry.ts';
import { formatReleasability, type Releasability } from '../../domain/releasability.ts';
import type { SupportRequest } from '../../domain/support-request.ts';
import { startChangePump } from '../../server/live/change-pump.ts';
import { listActivities } from '../../service/activity-reads.ts';
import { listAlerts } from '../../service/alert-reads.ts';
import { changeReadContext } from '../../service/change-reads.ts';
import { listIncidents, tearlineGridKm } from '../../service/incident-reads.ts';
import { listSupportRequests } from '../../service/support-request-reads.ts';
import type { ChangeLogEntry } from '../../store/change-log.ts';
import type { Store } from '../../store/store.ts';
import type { CotEvent } from '../event.ts';
import {
  type Audience,
  activityEvent,
  alertEvent,
  incidentEvent,
  type PictureKind,
  type PictureTiming,
  pictureUid,
  removalEvent,
  supportRequestEvent,
} from '../picture-events.ts';
import type { Connection } from './connection.ts';
import type { CotLog } from './cot-log.ts';
import { OutFrame } from './out-frame.ts';

export interface SharedPictureOptions {
  recentHours: number;
  /** How often the user is checked to be still allowed in (not disabled). */
  recheckMs: number;
  log: CotLog;
}

/**
 * Every client's pump wakes on the same commit and reads the same batch: what deciding on a batch
 * needs is gathered once for all of them (it is the state as of the batch's last change, whichever
 * pump asks first), kept a moment, then dropped.
 */
const contextMemo = new WeakMap<Store, Map<string, { at: number; context: Promise<ReadContext> }>>();
const memoMs = 2000;

function sharedReadContext(store: Store, entries: readonly ChangeLogEntry[]): Promise<ReadContext> {
  let memo = contextMemo.get(store);
  if (!memo) {
    memo = new Map();
    contextMemo.set(store, memo);
  }
  const now = Date.now();
  for (const [k, v] of memo) if (now - v.at > memoMs) memo.delete(k);
  const key = `${entries[0]?.seq}-${entries.at(-1)?.seq}-${entries.length}`;
  const hit = memo.get(key);
  if (hit) return hit.context;
  const context = changeReadContext(store, entries);
  memo.set(key, { at: now, context });
  // A failed read is not kept: the next pump asks again.
  context.catch(() => memo.delete(key));
  return context;
}

/** Records sent on connect, per kind at most. */
const initialMax = 1000;
const pictureKinds = new Set<string>(['incident', 'activity', 'support_request', 'alert']);

const audienceOf = (
  r: Releasability,
  record: { ownerOrg: string; jcc: string | null },
  facts: AccessFacts,
): Audience => ({
  releasability: formatReleasability(r),
  orgs: audienceOrgs(r, record, facts),
});

export class SharedPicture {
  readonly #store: Store;
  readonly #conn: Connection;
  readonly #options: SharedPictureOptions;
  /** What this client was last sent of each record, by uid: what a removal takes back. */
  readonly #sent = new Map<string, CotEvent>();
  #stop: (() => void) | null = null;
  #stopped = false;

  constructor(store: Store, conn: Connection, options: SharedPictureOptions) {
    this.#store = store;
    this.#conn = conn;
    this.#options = options;
  }

  start(): void {
    this.#run().catch((err: unknown) => {
      this.#options.log('warn', 'CoT shared picture failed', { err: String(err), user: this.#actor.username });
      this.#conn.close('socket_error');
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#stop?.();
  }

  get #actor() {
    return this.#conn.identity!.actor;
  }

  #timing(): PictureTiming {
    return { nowMs: this.#store.now().getTime(), staleMs: this.#options.recentHours * 3600_000 };
  }

  #send(uid: string, event: CotEvent | null): void {
    if (event) {
      this.#sent.set(uid, event);
      this.#conn.send(new OutFrame(event));
      return;
    }
    const previous = this.#sent.get(uid);
    if (!previous) return;
    this.#sent.delete(uid);
    this.#conn.send(new OutFrame(removalEvent(previous, this.#store.now().getTime())));
  }

  async #run(): Promise<void> {
    // The live stream starts where the first read starts: nothing committed between them is lost.
    const after = await this.#store.changeLog.lastSeq();
    await this.#initial();
    if (this.#stopped) return;
    const store = this.#store;
    const actor = this.#actor;
    this.#stop = startChangePump<{ uid: string; event: CotEvent | null }>({
      store,
      after,
      presenter: async (entries) => {
        const context = await sharedReadContext(store, entries);
        const timing = this.#timing();
        return (entry) => this.#present(entry, context, timing);
      },
      // A burst of changes (an import) waits for the client's queue instead of overflowing it.
      send: (_seq, item) => {
        this.#send(item.uid, item.event);
        return this.#conn.queue.length < this.#conn.queue.cap;
      },
      onDrain: (resume) => void this.#conn.room().then(resume),
      stillValid: async () => {
        const user = await store.users.findById(actor.userId);
        return user !== null && !user.disabled;
      },
      heartbeat: { everyMs: this.#options.recheckMs, send: () => {} },
      end: () => this.#conn.close('kicked'),
      onError: (err) => this.#options.log('warn', 'CoT shared picture read failed', { err: String(err) }),
    });
    if (this.#stopped) this.#stop();
  }

  /** One committed change as this client is told of it: a marker, a removal, or nothing. */
  #present(
    entry: ChangeLogEntry,
    context: ReadContext,
    timing: PictureTiming,
  ): { uid: string; event: CotEvent | null } | null {
    if (!pictureKinds.has(entry.recordType)) return null;
    const kind = entry.recordType as PictureKind;
    const uid = pictureUid(kind, entry.recordId);
    const event =
      entry.op === 'delete' || entry.data === null ? null : this.#eventOf(kind, entry.data, context, timing);
    if (event === null && !this.#sent.has(uid)) return null;
    return { uid, event };
  }

  #eventOf(kind: PictureKind, data: unknown, context: ReadContext, timing: PictureTiming): CotEvent | null {
    const actor = this.#actor;
    const facts = context.facts;
    switch (kind) {
      case 'incident': {
        const incident = recordTypes.incident.fromLog(data);
        const seen = seeRecord('incident', actor, incident, context) as SeenIncident | null;
        if (!seen) return null;
        const record = { ownerOrg: incident.ownerOrg, jcc: incident.jcc };
        const audience = seen.seen === 'record' ? audienceOf(incident.releasability, record, facts) : null;
        return incidentEvent(seen, audience, timing, context.gridKm);
      }
      case 'activity': {
        const a = recordTypes.activity.fromLog(data);
        const seen = seeRecord('activity', actor, a, context) as SeenActivity | null;
        if (!seen) return null;
        const record = { ownerOrg: a.ownerOrgs[0], jcc: a.jcc };
        return activityEvent(seen, seen.seen === 'record' ? audienceOf(a.releasability, record, facts) : null, timing);
      }
      case 'support_request': {
        const r = recordTypes.support_request.fromLog(data);
        const seen = seeRecord('support_request', actor, r, context) as SupportRequest | null;
        if (!seen) return null;
        return supportRequestEvent(
          seen,
          audienceOf(r.releasability, { ownerOrg: r.requesterOrg, jcc: r.addressedJcc }, facts),
          timing,
        );
      }
      case 'alert': {
        const seen = seeRecord('alert', actor, recordTypes.alert.fromLog(data), context) as SeenAlert | null;
        return seen ? alertEvent(seen, timing) : null;
      }
    }
  }

  /** What the user may see of the recent window, sent on connect. */
  async #initial(): Promise<void> {
    const store = this.#store;
    const actor = this.#actor;
    const timing = this.#timing();
    const since = new Date(timing.nowMs - this.#options.recentHours * 3600_000).toISOString();
    const facts = await accessFacts(store);
    const gridKm = await tearlineGridKm(store);
    const incidents = await listIncidents(store, actor, { since }, null, initialMax);
    for (const seen of incidents.items) {
      if (this.#stopped) return;
      const id = seen.seen === 'record' ? seen.incident.id : seen.tearline.id;
      const time = seen.seen === 'record' ? seen.incident.time : `${seen.tearline.date}T23:59:59.999Z`;
      if (time < since) continue;
      const i = seen.seen === 'record' ? seen.incident : null;
      const audience = i ? audienceOf(i.releasability, { ownerOrg: i.ownerOrg, jcc: i.jcc }, facts) : null;
      await this.#conn.room();
      this.#send(pictureUid('incident', id), incidentEvent(seen, audience, timing, gridKm));
    }
    const activities = await listActivities(store, actor, { from: since }, null, initialMax);
    for (const seen of activities.items) {
      const a = seen.seen === 'record' ? seen.activity : null;
      const id = a ? a.id : seen.seen === 'notice' ? seen.notice.id : '';
      const audience = a ? audienceOf(a.releasability, { ownerOrg: a.ownerOrgs[0], jcc: a.jcc }, facts) : null;
      const event = activityEvent(seen, audience, timing);
      await this.#conn.room();
      if (event) this.#send(pictureUid('activity', id), event);
    }
    const requests = await listSupportRequests(store, actor, { since }, null, initialMax);
    for (const { request: r } of requests.items) {
      const audience = audienceOf(r.releasability, { ownerOrg: r.requesterOrg, jcc: r.addressedJcc }, facts);
      await this.#conn.room();
      this.#send(pictureUid('support_request', r.id), supportRequestEvent(r, audience, timing));
    }
    const alerts = await listAlerts(store, actor, { unreadOnly: false, after: null, limit: 200 });
    for (const { seen } of alerts.items) {
      if (seen.alert.createdAt < since) continue;
      const event = alertEvent(seen, timing);
      await this.#conn.room();
      if (event) this.#send(pictureUid('alert', seen.alert.id), event);
    }
  }
}
