/**
 * Incident reports from TAK clients into the shared picture, through the one write path: a new
 * CoT uid becomes an incident with the sender as reporter and their organisation's default
 * releasability; a later event with the same uid corrects it (the incident keeps the uid as its
 * source id, `source` = `tak`). Reports are written one at a time, with a bounded backlog: a
 * client cannot queue unbounded work on the database.
 */
import { SeamError } from '../../domain/errors.ts';
import type { Actor } from '../../service/actor.ts';
import { correctIncident, createIncidents } from '../../service/incidents.ts';
import type { Store } from '../../store/store.ts';
import type { CotEvent } from '../event.ts';
import { type FieldReport, fieldReportOf } from '../field-report.ts';
import type { CotLog } from './cot-log.ts';
import { SerialQueue } from './serial-queue.ts';

export const takSource = 'tak';
const maxBacklog = 256;

export class FieldReports {
  readonly #store: Store;
  readonly #log: CotLog;
  readonly #queue = new SerialQueue(maxBacklog);

  constructor(store: Store, log: CotLog) {
    this.#store = store;
    this.#log = log;
  }

  /** Whether an event is an incident report (see src/cot/field-report.ts). */
  handles(e: CotEvent): boolean {
    return fieldReportOf(e) !== null;
  }

  /** Queues a report; false when the backlog is full (the event is dropped). */
  received(actor: Actor, e: CotEvent): boolean {
    const report = fieldReportOf(e);
    if (!report) return false;
    return this.#queue.push(
      () => this.#write(actor, e.uid, report),
      (err) =>
        this.#log('warn', 'TAK incident report refused', {
          user: actor.username,
          uid: e.uid,
          error: err instanceof Error ? err.message : String(err),
        }),
    );
  }

  /** Resolves once every queued report is written (or refused). */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async #write(actor: Actor, uid: string, r: FieldReport): Promise<void> {
    const store = this.#store;
    const now = store.now().toISOString();
    // A device clock ahead of the server's is not a report from the future.
    const time = r.time > now ? now : r.time;
    const id = await store.incidents.idFromSource(takSource, uid);
    if (id === null) {
      const body = { type: r.type, time, lon: r.lon, lat: r.lat, location_precision: 'exact', narrative: r.narrative };
      await createIncidents(store, actor, [body], { source: { source: takSource, sourceId: uid } });
      return;
    }
    const before = await store.incidents.find(id);
    if (!before) return;
    if (before.ownerOrg !== actor.org)
      throw new SeamError('forbidden', `CoT uid ${uid} belongs to another organisation's report`);
    const patch: Record<string, unknown> = {};
    if (before.type !== r.type) patch.type = r.type;
    if (before.lon !== r.lon || before.lat !== r.lat) Object.assign(patch, { lon: r.lon, lat: r.lat });
    if (before.narrative !== r.narrative) patch.narrative = r.narrative;
    // TAK clients send a marker again unchanged: only a change is a correction.
    if (Object.keys(patch).length === 0) return;
    await correctIncident(store, actor, id, { version: before.version, ...patch });
  }
}
