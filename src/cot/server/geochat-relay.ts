/**
 * GeoChat (`b-t-f`) from the field: each message is kept in its chat room through the one write
 * path (record type `geochat`), released as its sender organisation's default releasability for
 * GeoChat says (default `partners`), and relayed only to the clients whose organisation the
 * message's access function (`seeGeoChat`, the one the live stream and API use) lets see it.
 */
import { accessFacts } from '../../access/facts.ts';
import { seeGeoChat } from '../../access/geochat.ts';
import { audienceOrgs } from '../../access/policy.ts';
import { type GeoChatMessage, maxGeoChatText } from '../../domain/geochat.ts';
import { formatReleasability, type Releasability } from '../../domain/releasability.ts';
import type { Actor } from '../../service/actor.ts';
import { newId } from '../../store/ids.ts';
import type { Store } from '../../store/store.ts';
import type { CotEvent } from '../event.ts';
import { geoChatContent } from '../geochat-message.ts';
import type { CotLog } from './cot-log.ts';
import { OutFrame } from './out-frame.ts';
import { SerialQueue } from './serial-queue.ts';

export const geoChatDefault: Releasability = { scope: 'partners' };
const maxBacklog = 256;

export class GeoChatRelay {
  readonly #store: Store;
  readonly #log: CotLog;
  readonly #queue = new SerialQueue(maxBacklog);

  constructor(store: Store, log: CotLog) {
    this.#store = store;
    this.#log = log;
  }

  /**
   * Keeps a message and relays it, in the order messages came, to the organisations allowed to
   * see it; false when it says nothing or the backlog is full (dropped).
   */
  received(
    actor: Actor,
    senderUid: string,
    e: CotEvent,
    deliver: (frame: OutFrame, allowed: (org: string) => boolean) => void,
  ): boolean {
    const content = geoChatContent(e);
    if (!content) return false;
    return this.#queue.push(
      async () => {
        const store = this.#store;
        const releasability = (await store.releasabilityDefaults.find(actor.org, 'geochat')) ?? geoChatDefault;
        const now = store.now();
        const message: GeoChatMessage = {
          id: newId(now.getTime()),
          room: content.room,
          cotUid: e.uid,
          senderUid,
          senderCallsign: content.senderCallsign,
          senderUser: actor.username,
          org: actor.org,
          text: content.text.slice(0, maxGeoChatText),
          lon: e.point.lon,
          lat: e.point.lat,
          releasability,
          sentAt: e.time,
          createdAt: now.toISOString(),
        };
        await store.write(actor.userId, (tx) => tx.geochat.insert(message));
        const facts = await accessFacts(store);
        // Relayed saying who it is released to, as every event Seam sends does.
        const audience = audienceOrgs(releasability, { ownerOrg: actor.org, jcc: null }, facts).join(',');
        const stamped = { ...e, caveat: formatReleasability(releasability), releaseableTo: audience };
        deliver(new OutFrame(stamped), (org) => seeGeoChat({ org, kind: 'tak-client' }, message, facts) !== null);
      },
      (err) => this.#log('warn', 'GeoChat message not kept', { error: String(err) }),
    );
  }

  /** Resolves once every message received so far is kept and relayed. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }
}
