import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon } from '../domain/geojson.ts';
import { planarAorBreakdown } from './aor-breakdown.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

test('each AOR gets its area in the zone and the gap inside it, sorted by code', () => {
  // Zone 0–4000 × 0–1000 m; gap 1000–3000; AORs split at 2000, and one off the zone.
  const zone = rect(0, 0, 4000, 1000);
  const gap = rect(1000, 0, 3000, 1000);
  const out = planarAorBreakdown(
    [
      { code: 'west', aor: rect(-500, -500, 2000, 1500) },
      { code: 'east', aor: rect(2000, -500, 4500, 1500) },
      { code: 'away', aor: rect(9000, 0, 9500, 500) },
    ],
    zone,
    gap,
  );
  assert.deepEqual(out, [
    { code: 'away', zone_km2: 0, uncovered_km2: 0, uncovered_share: 0 },
    { code: 'east', zone_km2: 2, uncovered_km2: 1, uncovered_share: 0.5 },
    { code: 'west', zone_km2: 2, uncovered_km2: 1, uncovered_share: 0.5 },
  ]);
});
