/**
 * GeoChat (`b-t-f`) from the field: each message is released as its sender organisation's
 * default releasability for GeoChat says (default `partners`) and reaches only the clients whose
 * organisation the access policy lets see it — never every client of the server.
 */
import { accessFacts } from '../../access/facts.ts';
import { visibility } from '../../access/policy.ts';
import type { Releasability } from '../../domain/releasability.ts';
import type { Actor } from '../../service/actor.ts';
import type { Store } from '../../store/store.ts';
import type { CotEvent } from '../event.ts';
import { OutFrame } from './out-frame.ts';

export const geoChatDefault: Releasability = { scope: 'partners' };

export class GeoChatRelay {
  readonly #store: Store;
  readonly #log: (level: 'info' | 'warn', msg: string, fields: Record<string, unknown>) => void;
  #chain: Promise<void> = Promise.resolve();

  constructor(store: Store, log: (level: 'info' | 'warn', msg: string, fields: Record<string, unknown>) => void) {
    this.#store = store;
    this.#log = log;
  }

  /** Relays a message, in the order messages came, to the organisations allowed to see it. */
  received(actor: Actor, e: CotEvent, deliver: (frame: OutFrame, allowed: (org: string) => boolean) => void): void {
    this.#chain = this.#chain
      .then(async () => {
        const releasability = (await this.#store.releasabilityDefaults.find(actor.org, 'geochat')) ?? geoChatDefault;
        const facts = await accessFacts(this.#store);
        const record = { ownerOrg: actor.org, releasability, jcc: null };
        deliver(new OutFrame(e), (org) => visibility({ org }, record, facts) === 'record');
      })
      .catch((err: unknown) => this.#log('warn', 'GeoChat message not relayed', { error: String(err) }));
  }
}
