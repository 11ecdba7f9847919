import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Polygon } from '../domain/geojson.ts';
import { presenceKinds } from '../domain/presence.ts';
import { type AlertAreaInput, buildAlertAreas, footprintDistanceKm, scanAlertAreas } from './alert-areas.ts';
import type { CoverageItem } from './presence-index.ts';

const orgs = ['isf', 'peshmerga', 'coalition'];
const lon = fc.double({ min: 43.5, max: 45.5, noNaN: true });
const lat = fc.double({ min: 34.5, max: 36.5, noNaN: true });
const time = fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');

function square(x: number, y: number, d: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  };
}

const item = fc
  .record({
    n: fc.nat(),
    org: fc.constantFrom(...orgs),
    kind: fc.constantFrom(...presenceKinds),
    x: lon,
    y: lat,
    dx: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    dy: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    km: fc.double({ min: 0, max: 10, noNaN: true }),
    to: fc.option(fc.constant('2026-09-01T00:00:00.000Z')),
  })
  .map(
    (r): CoverageItem => ({
      id: `p${r.n}`,
      org: r.org,
      name: `P ${r.n}`,
      kind: r.kind,
      geometry:
        r.kind === 'checkpoint'
          ? { type: 'Point', coordinates: [r.x, r.y] }
          : r.kind === 'patrol'
            ? {
                type: 'LineString',
                coordinates: [
                  [r.x, r.y],
                  [r.x + r.dx, r.y + r.dy],
                ],
              }
            : square(r.x, r.y, Math.abs(r.dx) + 0.01),
      km: r.kind === 'unit_aor' ? 0 : r.km,
      activeFrom: '2026-01-01T00:00:00.000Z',
      activeTo: r.to,
    }),
  );

const input: fc.Arbitrary<AlertAreaInput> = fc.record({
  nearRules: fc.array(
    fc.record({
      id: fc.uuid(),
      org: fc.constantFrom(...orgs),
      radiusKm: fc.double({ min: 0.1, max: 100, noNaN: true }),
      presenceKinds: fc.subarray([...presenceKinds], { minLength: 1 }),
    }),
    { maxLength: 30 },
  ),
  corridorRules: fc.array(fc.record({ id: fc.uuid(), org: fc.constantFrom(...orgs) }), { maxLength: 10 }),
  presence: fc.uniqueArray(item, { maxLength: 40, selector: (p) => p.id }),
  corridors: fc.array(
    fc
      .record({ org: fc.constantFrom(...orgs), n: fc.nat(), x: lon, y: lat, d: fc.double({ min: 0.01, max: 0.5 }) })
      .map((c) => ({ org: c.org, id: `c${c.n}`, gapAreaKm2: 1, polygon: square(c.x, c.y, c.d) })),
    { maxLength: 10 },
  ),
});

test('the indexed rule areas answer exactly as every rule checked against every presence record and corridor', () => {
  fc.assert(
    fc.property(input, lon, lat, time, (i, x, y, t) => {
      const indexed = buildAlertAreas(i);
      const scanned = scanAlertAreas(i);
      assert.deepEqual(indexed.near(x, y, t), scanned.near(x, y, t));
      assert.deepEqual(indexed.inCorridor(x, y), scanned.inCorridor(x, y));
    }),
    { numRuns: 300 },
  );
});

test('a rule matches an incident within its radius of a checkpoint footprint and not one just beyond it', () => {
  const checkpoint: CoverageItem = {
    id: 'cp',
    org: 'peshmerga',
    name: 'Checkpoint Alpha',
    kind: 'checkpoint',
    geometry: { type: 'Point', coordinates: [44.4, 35.5] },
    km: 2,
    activeFrom: '2026-01-01T00:00:00.000Z',
    activeTo: null,
  };
  const areas = buildAlertAreas({
    nearRules: [{ id: 'r', org: 'peshmerga', radiusKm: 5, presenceKinds: ['checkpoint'] }],
    corridorRules: [],
    presence: [checkpoint],
    corridors: [],
  });
  // 0.06° of latitude is 6.67 km: 4.67 km beyond the 2 km circle; 0.075° is 8.34 km: 6.34 km beyond.
  const near = areas.near(44.4, 35.56, '2026-02-01T00:00:00.000Z');
  assert.equal(near.length, 1);
  assert.equal(near[0].presenceName, 'Checkpoint Alpha');
  assert.ok(Math.abs(near[0].distanceKm - footprintDistanceKm([44.4, 35.56], checkpoint)) < 0.001);
  assert.deepEqual(areas.near(44.4, 35.575, '2026-02-01T00:00:00.000Z'), []);
  assert.deepEqual(areas.near(44.4, 35.56, '2025-12-01T00:00:00.000Z'), [], 'not before the checkpoint is set up');
});
