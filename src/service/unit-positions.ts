/**
 * The latest position of each connected TAK unit, in memory only (positions are ephemeral, never
 * written): the CoT server updates it, the web app's live stream reads it for the units' layer.
 * Each position carries its organisation's position sharing, so a reader is shown it only when
 * the access policy allows (see `seeUnitPosition`). One per store, so every part of the process
 * serving that store shares it.
 */
import type { Releasability } from '../domain/releasability.ts';
import type { Store } from '../store/store.ts';

export interface UnitPosition {
  uid: string;
  org: string;
  /** Who may see the organisation's positions, as it was when the position came. */
  releasability: Releasability;
  callsign: string | null;
  type: string;
  lon: number;
  lat: number;
  at: string;
  stale: string;
}

export type UnitPositionListener = (uid: string, position: UnitPosition | null) => void;

export class UnitPositions {
  readonly #latest = new Map<string, UnitPosition>();
  readonly #listeners = new Set<UnitPositionListener>();

  update(p: UnitPosition): void {
    this.#latest.set(p.uid, p);
    for (const fn of this.#listeners) fn(p.uid, p);
  }

  /** The unit left: its position is gone. */
  remove(uid: string): void {
    if (!this.#latest.delete(uid)) return;
    for (const fn of this.#listeners) fn(uid, null);
  }

  list(): UnitPosition[] {
    return [...this.#latest.values()];
  }

  subscribe(fn: UnitPositionListener): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
}

const hubs = new WeakMap<Store, UnitPositions>();

/** The unit positions of a store's site. */
export function unitPositionsOf(store: Store): UnitPositions {
  let hub = hubs.get(store);
  if (!hub) {
    hub = new UnitPositions();
    hubs.set(store, hub);
  }
  return hub;
}
