import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Polygon } from '../domain/geojson.ts';
import { presenceKinds } from '../domain/presence.ts';
import {
  type AlertActivity,
  type AlertAreaInput,
  buildAlertAreas,
  footprintDistanceKm,
  scanAlertAreas,
} from './alert-areas.ts';
import type { CoverageItem } from './presence-index.ts';

const orgs = ['isf', 'peshmerga', 'coalition'];
const lon = fc.double({ min: 43.5, max: 45.5, noNaN: true });
const lat = fc.double({ min: 34.5, max: 36.5, noNaN: true });
const time = fc.constantFrom(
  '2026-01-01T00:00:00.000Z',
  '2026-06-01T00:00:00.000Z',
  '2026-06-01T12:30:00.000Z',
  '2026-06-02T05:00:00.000Z',
  '2027-01-01T00:00:00.000Z',
);

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

const hour = 3_600_000;
const t0 = Date.parse('2026-06-01T00:00:00.000Z');
const activity = fc
  .record({
    n: fc.nat(),
    orgs: fc.subarray(orgs, { minLength: 1 }),
    x: lon,
    y: lat,
    dx: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    dy: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
    km: fc.double({ min: 0.1, max: 10, noNaN: true }),
    shape: fc.constantFrom('point', 'route', 'polygon'),
    start: fc.integer({ min: -48, max: 48 }),
    hours: fc.integer({ min: 1, max: 24 }),
    days: fc.integer({ min: 1, max: 3 }),
  })
  .map(
    (r): AlertActivity => ({
      id: `a${r.n}`,
      orgs: r.orgs,
      kind: 'patrol',
      unit: `Unit ${r.n}`,
      area:
        r.shape === 'point'
          ? { shape: 'point', geometry: { type: 'Point', coordinates: [r.x, r.y] }, radiusKm: r.km }
          : r.shape === 'route'
            ? {
                shape: 'route',
                geometry: {
                  type: 'LineString',
                  coordinates: [
                    [r.x, r.y],
                    [r.x + r.dx + 0.01, r.y + r.dy],
                  ],
                },
                bufferKm: r.km,
              }
            : { shape: 'polygon', geometry: square(r.x, r.y, Math.abs(r.dx) + 0.01) },
      occurrences: Array.from({ length: r.days }, (_, d): [number, number] => [
        t0 + (r.start + 24 * d) * hour,
        t0 + (r.start + 24 * d + r.hours) * hour,
      ]),
    }),
  );

const input: fc.Arbitrary<AlertAreaInput> = fc.record({
  activityRules: fc.array(
    fc.record({
      id: fc.uuid(),
      org: fc.constantFrom(...orgs),
      radiusKm: fc.double({ min: 0.1, max: 100, noNaN: true }),
    }),
    { maxLength: 10 },
  ),
  activities: fc.uniqueArray(activity, { maxLength: 30, selector: (a) => a.id }),
  activityMarginMs: fc.constantFrom(0, hour),
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
      assert.deepEqual(indexed.nearActivity(x, y, t), scanned.nearActivity(x, y, t));
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

test('an activity rule matches an incident near an open activity of its organisation during it, give or take the margin', () => {
  const hourMs = 3_600_000;
  const patrol: AlertActivity = {
    id: 'a1',
    orgs: ['isf', 'peshmerga'],
    kind: 'patrol',
    unit: 'Joint 1st',
    area: {
      shape: 'route',
      geometry: {
        type: 'LineString',
        coordinates: [
          [44.3, 35.45],
          [44.5, 35.45],
        ],
      },
      bufferKm: 0.5,
    },
    occurrences: [[Date.parse('2026-12-10T06:00:00Z'), Date.parse('2026-12-10T10:00:00Z')]],
  };
  const areas = buildAlertAreas({
    nearRules: [],
    corridorRules: [],
    presence: [],
    corridors: [],
    activityRules: [
      { id: 'pesh', org: 'peshmerga', radiusKm: 2 },
      { id: 'coal', org: 'coalition', radiusKm: 50 },
    ],
    activities: [patrol],
    activityMarginMs: hourMs,
  });
  // 0.02° north of the route: 2.22 km from it, 1.72 km beyond its buffer.
  const hits = areas.nearActivity(44.4, 35.47, '2026-12-10T10:59:00.000Z');
  assert.deepEqual(
    hits.map((h) => [h.ruleId, h.activityId, h.activityUnit]),
    [['pesh', 'a1', 'Joint 1st']],
    'each owner of a joint activity; not an organisation that does not own it',
  );
  assert.ok(Math.abs(hits[0].distanceKm - 1.72) < 0.03, String(hits[0].distanceKm));
  assert.deepEqual(areas.nearActivity(44.4, 35.47, '2026-12-10T11:01:00.000Z'), [], 'past the margin');
  assert.deepEqual(areas.nearActivity(44.4, 35.465 + 0.02, '2026-12-10T08:00:00.000Z'), [], 'beyond the radius');
});
