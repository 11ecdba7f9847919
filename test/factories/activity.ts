import type { Presence } from '../../src/domain/presence.ts';
import { newId } from '../../src/store/ids.ts';
import type { Store } from '../../src/store/store.ts';

/** The fixture's clock for activity tests: plans lie a couple of days after it. */
export const activityNow = new Date('2026-12-08T00:00:00.000Z');

/** A patrol plan (the body of POST /api/v1/activities) along a short east–west route near Kirkuk; any field can be replaced. */
export function patrolPlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'patrol',
    unit: '2nd Battalion',
    area: {
      shape: 'route',
      points: [
        [44.3, 35.45],
        [44.5, 35.45],
      ],
      buffer_km: 0.5,
    },
    start: '2026-12-10T06:00:00Z',
    end: '2026-12-10T10:00:00Z',
    contact: 'JCC Kirkuk duty officer',
    ...overrides,
  };
}

/** A point plan: an area of `radiusKm` around [lon, lat] in the window given. */
export function pointPlan(
  lon: number,
  lat: number,
  start: string,
  end: string,
  overrides: Record<string, unknown> = {},
) {
  return patrolPlan({
    kind: 'operation',
    area: { shape: 'point', at: [lon, lat], radius_km: 1 },
    start,
    end,
    ...overrides,
  });
}

/** Stores a checkpoint of an organisation (standing presence, active all year). */
export async function addCheckpoint(
  store: Store,
  org: string,
  name: string,
  at: [number, number],
  radiusKm: number,
  releasability: Presence['releasability'] = { scope: 'partners' },
): Promise<string> {
  const id = newId();
  await store.write(null, (tx) =>
    tx.presence.insert({
      id,
      kind: 'checkpoint',
      org,
      name,
      geometry: { type: 'Point', coordinates: at },
      radiusKm,
      activeFrom: '2026-01-01T00:00:00.000Z',
      activeTo: null,
      releasability,
      exercise: false,
      createdAt: tx.at,
      updatedAt: tx.at,
    }),
  );
  return id;
}
