/**
 * Who may see an organisation's unit positions (the TAK clients' position reports and the live
 * layer of connected units): a releasability set per organisation, own only, its JCC partners,
 * the coalition or a sharing group. Positions are ephemeral and never written, so the setting is
 * site configuration (a site setting per organisation), default `partners`; the relays that
 * decide on it hear of a change through {@link onPositionSharingChange} (this process) or re-read
 * it now and then (another process writing the same database).
 */
import { invalid, SeamError } from '../domain/errors.ts';
import { formatReleasability, parseReleasability, type Releasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

export const defaultPositionSharing: Releasability = { scope: 'partners' };

const key = (org: string) => `position_sharing.${org}`;

/** An organisation's position sharing, or the default when it set none. */
export async function positionSharing(store: Store, org: string): Promise<Releasability> {
  const value = await store.settings.get(key(org));
  if (value === null) return defaultPositionSharing;
  try {
    return parseReleasability(value);
  } catch {
    return defaultPositionSharing;
  }
}

const listeners = new WeakMap<Store, Set<(org: string) => void>>();

/** Calls `fn` with the organisation whenever this process changes a position sharing setting; returns `off`. */
export function onPositionSharingChange(store: Store, fn: (org: string) => void): () => void {
  let set = listeners.get(store);
  if (!set) {
    set = new Set();
    listeners.set(store, set);
  }
  set.add(fn);
  return () => set.delete(fn);
}

/** Sets who may see an organisation's unit positions (its own administrators, or the site with no actor). */
export async function setPositionSharing(
  store: Store,
  actor: Actor | null,
  org: string,
  releasability: string,
): Promise<Releasability> {
  if (actor !== null) {
    requirePermission(actor.roles, 'sharing:manage');
    if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
    if (actor.org !== org) throw new SeamError('forbidden', 'administrators set their own organisation’s sharing');
  }
  const r = parseReleasability(releasability);
  if (!(await store.organisations.find(org))) throw invalid('org', `no organisation "${org}"`);
  await store.write(actor?.userId ?? null, async (tx) => {
    await tx.settings.set(key(org), formatReleasability(r));
    await tx.audit({ action: 'position_sharing.set', recordType: 'organisation', detail: { org, releasability } });
  });
  for (const fn of listeners.get(store) ?? []) fn(org);
  return r;
}
