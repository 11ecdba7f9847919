import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon, Position } from '../domain/geojson.ts';
import { type CoverageSource, computeCoverage } from './coverage.ts';
import { lineLocator } from './line-side.ts';
import { areaKm2 } from './polygon-ops.ts';
import { authalicRadiusM } from './projection.ts';

const R = authalicRadiusM / 1000;
const rad = Math.PI / 180;
const window = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' };
const always = { activeFrom: '2026-01-01T00:00:00.000Z', activeTo: null };

/** A lon/lat cell with edges densified along meridians and parallels. */
function cell(west: number, south: number, size: number, steps = 50): Polygon {
  const ring: Position[] = [];
  for (let i = 0; i < steps; i++) ring.push([west + (size * i) / steps, south]);
  for (let i = 0; i < steps; i++) ring.push([west + size, south + (size * i) / steps]);
  for (let i = 0; i < steps; i++) ring.push([west + size - (size * i) / steps, south + size]);
  for (let i = 0; i < steps; i++) ring.push([west, south + size - (size * i) / steps]);
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}
const cellKm2 = (south: number, size: number) =>
  R * R * size * rad * (Math.sin((south + size) * rad) - Math.sin(south * rad));
/** Area of a spherical cap of geodesic radius r km. */
const capKm2 = (r: number) => 2 * Math.PI * R * R * (1 - Math.cos(r / R));
const near = (actual: number, expected: number, rel: number) =>
  assert.ok(Math.abs(actual - expected) <= rel * expected, `${actual} vs ${expected} (±${rel * 100}%)`);

function checkpoint(id: string, at: Position, km: number, extra: Partial<CoverageSource> = {}): CoverageSource {
  return {
    id,
    org: 'isf',
    name: id,
    kind: 'checkpoint',
    geometry: { type: 'Point', coordinates: at },
    km,
    ...always,
    ...extra,
  };
}

const zone = cell(44, 35, 1);

test('a square zone less three disjoint circles: analytic areas within 0.2%', () => {
  const c = computeCoverage(
    zone,
    [checkpoint('a', [44.25, 35.3], 5), checkpoint('b', [44.5, 35.6], 8), checkpoint('c', [44.75, 35.4], 10)],
    window,
  );
  near(c.zone_km2, cellKm2(35, 1), 1e-4);
  near(c.covered_km2, capKm2(5) + capKm2(8) + capKm2(10), 0.002);
  near(c.uncovered_km2, cellKm2(35, 1) - capKm2(5) - capKm2(8) - capKm2(10), 0.002);
  near(c.uncovered_share, c.uncovered_km2 / c.zone_km2, 1e-12);
  near(areaKm2(c.gap), c.uncovered_km2, 1e-6);
  near(areaKm2(c.covered), c.covered_km2, 1e-6);
});

test('no presence at all: the whole zone is a gap', () => {
  const c = computeCoverage(zone, [], window);
  assert.equal(c.uncovered_share, 1);
  assert.equal(c.covered.coordinates.length, 0);
  near(c.uncovered_km2, cellKm2(35, 1), 1e-6);
});

test('organisations not selected, records inactive in the window and records off the zone are ignored and counted', () => {
  const items = [
    checkpoint('kept', [44.5, 35.5], 5),
    checkpoint('other', [44.2, 35.2], 5, { org: 'coalition' }),
    checkpoint('closed', [44.8, 35.8], 5, { activeTo: '2026-02-01T00:00:00.000Z' }),
    checkpoint('later', [44.8, 35.2], 5, { activeFrom: '2026-04-01T00:00:00.000Z' }),
    checkpoint('far', [46, 35.5], 5),
    // Its centre is outside, but it reaches 2 km into the zone.
    checkpoint('edge', [43.97, 35.5], 5),
  ];
  const c = computeCoverage(zone, items, window, { orgs: ['isf'] });
  assert.deepEqual(
    { ...c.counts, repaired: c.counts.repaired.length },
    { presence: 6, used: 2, other_org: 1, inactive: 2, outside_zone: 1, repaired: 0 },
  );
  assert.ok(c.covered_km2 > capKm2(5) && c.covered_km2 < 2 * capKm2(5));
});

test('minShare keeps only ground covered for that share of the window (exact per face of the arrangement)', () => {
  const loc = lineLocator({
    type: 'LineString',
    coordinates: [
      [44.3, 35.5],
      [44.7, 35.5],
    ],
  });
  const a = loc.pointAt(10);
  const b = loc.pointAt(16);
  // A covers the first half of the window, B the second; they overlap in a lens 6 km apart, radius 5 km.
  const items = [
    checkpoint('a', a, 5, { activeTo: '2026-03-06T00:00:00.000Z' }),
    checkpoint('b', b, 5, { activeFrom: '2026-03-06T00:00:00.000Z' }),
  ];
  const anyTime = computeCoverage(zone, items, window);
  const half = computeCoverage(zone, items, window, { minShare: 0.5 });
  const most = computeCoverage(zone, items, window, { minShare: 0.75 });
  const d = 6;
  const r = 5;
  const lens = 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
  near(anyTime.covered_km2, 2 * Math.PI * r * r - lens, 0.002);
  near(half.covered_km2, anyTime.covered_km2, 1e-9);
  // Only the lens is covered all the time (by A, then by B).
  near(most.covered_km2, lens, 0.005);
});

test('a patrol schedule counts its share of the window; an instant window asks about one moment', () => {
  const patrol: CoverageSource = {
    id: 'p',
    org: 'isf',
    name: 'p',
    kind: 'patrol',
    geometry: {
      type: 'LineString',
      coordinates: [
        [44.3, 35.5],
        [44.7, 35.5],
      ],
    },
    km: 2,
    ...always,
    schedule: { days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '12:00' },
  };
  const quarter = computeCoverage(zone, [patrol], window, { minShare: 0.2 }).covered_km2;
  assert.ok(quarter > 100);
  assert.equal(computeCoverage(zone, [patrol], window, { minShare: 0.3 }).covered_km2, 0);
  assert.equal(
    computeCoverage(zone, [patrol], { from: '2026-03-02T07:00:00.000Z', to: '2026-03-02T07:00:00.000Z' }).covered_km2,
    quarter,
  );
  assert.equal(
    computeCoverage(zone, [patrol], { from: '2026-03-02T13:00:00.000Z', to: '2026-03-02T13:00:00.000Z' }).covered_km2,
    0,
  );
});

test('the result does not depend on the order of the presence records', () => {
  const items = [
    checkpoint('a', [44.3, 35.3], 6),
    checkpoint('b', [44.35, 35.32], 6),
    checkpoint('c', [44.7, 35.7], 9),
  ];
  const forward = computeCoverage(zone, items, window);
  const backward = computeCoverage(zone, [...items].reverse(), window);
  assert.deepEqual(backward, forward);
});

test('bad options are refused with the field', () => {
  assert.throws(() => computeCoverage(zone, [], window, { minShare: 1.5 }), /options.minShare/);
  assert.throws(() => computeCoverage(zone, [], window, { orgs: 'isf' as unknown as string[] }), /options.orgs/);
  assert.throws(() => computeCoverage(zone, [checkpoint('x', [44.5, 35.5], 0)], window), /presence\[0\].radius_km/);
});

test('checkpoints at the very same place (outlines that coincide, left to jsts) cover as one does', () => {
  const one = computeCoverage(zone, [checkpoint('a', [44.5, 35.5], 5)], window);
  const twice = computeCoverage(zone, [checkpoint('a', [44.5, 35.5], 5), checkpoint('b', [44.5, 35.5], 5)], window);
  near(twice.uncovered_km2, one.uncovered_km2, 1e-9);
  near(areaKm2(twice.gap), one.uncovered_km2, 1e-6);
});
