/**
 * Which organisations' clients may see an organisation's unit positions, decided by the one
 * access policy (`visibility`) on the sender organisation's position sharing setting, and kept as
 * one answer per (sender, recipient) organisation pair so relaying a report costs a map lookup
 * per recipient organisation, not a policy decision per recipient. The answers are dropped when
 * memberships change (the bus tells, or the change log for another process) or a setting does.
 */
import { accessFacts } from '../../access/facts.ts';
import { type AccessFacts, visibility } from '../../access/policy.ts';
import { formatReleasability, type Releasability } from '../../domain/releasability.ts';
import { onPositionSharingChange, positionSharing } from '../../service/position-sharing.ts';
import type { Store } from '../../store/store.ts';

const membershipTypes = new Set(['organisation', 'jcc', 'sharing_group']);

export class PositionAudience {
  readonly #store: Store;
  #facts: AccessFacts | null = null;
  #sharing = new Map<string, Releasability>();
  /** Sender organisation → the recipient organisations allowed to see its positions. */
  #allowed = new Map<string, ReadonlySet<string>>();
  #stamps = new Map<string, { caveat: string; releaseableTo: string }>();
  #refreshing: Promise<void> | null = null;
  #again = false;
  readonly #off: Array<() => void> = [];
  readonly #timer: NodeJS.Timeout;

  constructor(store: Store, refreshMs: number) {
    this.#store = store;
    this.#off.push(
      store.bus.subscribe((e) => {
        if (membershipTypes.has(e.recordType)) void this.refresh();
      }),
      onPositionSharingChange(store, () => void this.refresh()),
    );
    // Another process writing the same database changes settings without this bus hearing of it.
    this.#timer = setInterval(() => void this.refresh(), refreshMs);
    this.#timer.unref();
  }

  /** Reloads the facts and settings and drops every cached answer; resolves once they are current. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      try {
        do {
          this.#again = false;
          const facts = await accessFacts(this.#store);
          const sharing = new Map<string, Releasability>();
          for (const org of facts.coalition) sharing.set(org, await positionSharing(this.#store, org));
          this.#facts = facts;
          this.#sharing = sharing;
          this.#allowed = new Map();
          this.#stamps = new Map();
        } while (this.#again);
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  /** The organisations allowed to see `senderOrg`'s positions (none until the facts are loaded). */
  recipients(senderOrg: string): ReadonlySet<string> {
    let set = this.#allowed.get(senderOrg);
    if (set) return set;
    const facts = this.#facts;
    const releasability = this.#sharing.get(senderOrg);
    const out = new Set<string>();
    if (facts && releasability) {
      const record = { ownerOrg: senderOrg, releasability, jcc: null };
      for (const org of facts.coalition) if (visibility({ org }, record, facts) === 'record') out.add(org);
    }
    set = out;
    if (facts) this.#allowed.set(senderOrg, set);
    return set;
  }

  /**
   * What an event of `senderOrg` carries about its release: `caveat` = its position sharing,
   * `releaseableTo` = the organisations allowed, in name order; null until the facts are loaded.
   */
  stamp(senderOrg: string): { caveat: string; releaseableTo: string } | null {
    const hit = this.#stamps.get(senderOrg);
    if (hit) return hit;
    const sharing = this.#sharing.get(senderOrg);
    if (!this.#facts || !sharing) return null;
    const stamp = {
      caveat: formatReleasability(sharing),
      releaseableTo: [...this.recipients(senderOrg)].sort().join(','),
    };
    this.#stamps.set(senderOrg, stamp);
    return stamp;
  }

  /** Whether a client of `recipientOrg` may see `senderOrg`'s positions. */
  allowed(senderOrg: string, recipientOrg: string): boolean {
    return this.recipients(senderOrg).has(recipientOrg);
  }

  /** The sender organisation's sharing setting, as last read. */
  sharingOf(org: string): Releasability | null {
    return this.#sharing.get(org) ?? null;
  }

  close(): void {
    clearInterval(this.#timer);
    for (const off of this.#off) off();
  }
}
