import { accessFacts } from '../access/facts.ts';
import { seePresence } from '../access/presence.ts';
import type { Presence } from '../domain/presence.ts';
import type { CoverageSource } from '../geo/coverage.ts';
import type { PresenceFilter } from '../store/presence.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { type Page, visiblePage } from './paging.ts';

/** Presence records matching the filter that the actor may see, in id order. */
export async function listPresence(
  store: Store,
  actor: Actor,
  filter: PresenceFilter,
  after: string | null,
  limit: number,
): Promise<Page<Presence, string>> {
  const facts = await accessFacts(store);
  return visiblePage(
    (cursor, batch) => store.presence.query(filter, cursor, batch),
    (p) => seePresence(actor, p, facts) !== null,
    (p) => p.id,
    after,
    limit,
  );
}

/** A presence record as coverage sees it: what covers which ground, when, and for patrols on which days. */
export function coverageSourceOf(p: Presence): CoverageSource {
  return {
    id: p.id,
    org: p.org,
    name: p.name,
    kind: p.kind,
    geometry: p.geometry,
    km: p.kind === 'checkpoint' ? p.radiusKm : p.kind === 'patrol' ? p.bufferKm : 0,
    activeFrom: p.activeFrom,
    activeTo: p.activeTo,
    schedule: p.kind === 'patrol' ? p.schedule : null,
  };
}
