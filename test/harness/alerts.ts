import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertRule } from '../../src/domain/alert-rule.ts';
import type { Presence } from '../../src/domain/presence.ts';
import { newId } from '../../src/store/ids.ts';
import type { Store } from '../../src/store/store.ts';

/** A checkpoint of an organisation, released to its own organisation only unless told otherwise. */
export function checkpoint(
  id: string,
  org: string,
  at: [number, number],
  radiusKm = 1,
  releasability: Presence['releasability'] = { scope: 'org' },
): Presence {
  return {
    id,
    kind: 'checkpoint',
    org,
    name: `Checkpoint ${id}`,
    geometry: { type: 'Point', coordinates: at },
    radiusKm,
    activeFrom: '2025-01-01T00:00:00.000Z',
    activeTo: null,
    releasability,
    exercise: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** An enabled rule alerting `org` to incidents of any type within `radiusKm` of its checkpoints, as of `at`. */
export function nearRule(org: string, name: string, radiusKm: number, at: string, id = newId()): AlertRule {
  return {
    id,
    org,
    name,
    kind: 'incident_near',
    radiusKm,
    presenceKinds: ['checkpoint'],
    incidentTypes: [],
    enabled: true,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Stores presence records directly, as the demo loader does. */
export async function addPresence(store: Store, ...presence: Presence[]): Promise<void> {
  await store.write(null, async (tx) => {
    for (const p of presence) await tx.presence.insert(p);
  });
}

/** Polls until `check` answers a value (not undefined), or throws after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(25);
  }
}
