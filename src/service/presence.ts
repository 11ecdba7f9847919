import { loadAccessFacts } from '../access/facts.ts';
import { visibility } from '../access/policy.ts';
import type { Presence } from '../domain/presence.ts';
import { type PresenceFilter, queryPresence } from '../store/presence.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { type Page, visiblePage } from './paging.ts';

/** Presence records matching the filter that the actor may see, in id order. */
export function listPresence(
  store: Store,
  actor: Actor,
  filter: PresenceFilter,
  after: string | null,
  limit: number,
): Page<Presence, string> {
  const facts = loadAccessFacts(store.db);
  return visiblePage(
    (cursor, batch) => queryPresence(store.db, filter, cursor, batch),
    (p) => visibility(actor, { ownerOrg: p.org, releasability: p.releasability, jcc: null }, facts) === 'record',
    (p) => p.id,
    after,
    limit,
  );
}
