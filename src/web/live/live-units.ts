import type { FeatureCollection, Point } from 'geojson';
import { useEffect, useState } from 'react';

/** A connected TAK unit's position, as the units' live stream gives it. */
export interface LiveUnit {
  uid: string;
  org: string;
  callsign: string | null;
  type: string;
  lon: number;
  lat: number;
  at: string;
  stale: string;
}

/** How often units whose report went stale are taken off the map. */
const pruneMs = 10_000;

/**
 * Follows the positions of the connected TAK units the user may see (`/api/v1/stream/units`): the
 * units on the air when it opens, then each move and each leaving. A unit whose last report went
 * stale is dropped. The browser reconnects by itself; the server then sends the units on the air again.
 */
export function useLiveUnits(enabled: boolean): LiveUnit[] {
  const [units, setUnits] = useState<ReadonlyMap<string, LiveUnit>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/v1/stream/units');
    const update = (fn: (m: Map<string, LiveUnit>) => void) =>
      setUnits((before) => {
        const next = new Map(before);
        fn(next);
        return next;
      });
    source.addEventListener('unit', (e) => {
      try {
        const u = JSON.parse((e as MessageEvent<string>).data) as LiveUnit;
        update((m) => m.set(u.uid, u));
      } catch {
        // A malformed event is skipped.
      }
    });
    source.addEventListener('unit_gone', (e) => {
      try {
        const { uid } = JSON.parse((e as MessageEvent<string>).data) as { uid: string };
        update((m) => m.delete(uid));
      } catch {
        // A malformed event is skipped.
      }
    });
    const prune = setInterval(() => {
      const now = new Date().toISOString();
      update((m) => {
        for (const [uid, u] of m) if (u.stale < now) m.delete(uid);
      });
    }, pruneMs);
    return () => {
      source.close();
      clearInterval(prune);
      setUnits(new Map());
    };
  }, [enabled]);
  return [...units.values()];
}

/** The units as map features, coloured by organisation. */
export function unitFeatures(units: readonly LiveUnit[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: units.map((u) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [u.lon, u.lat] },
      properties: { uid: u.uid, org: u.org, callsign: u.callsign ?? '' },
    })),
  };
}
