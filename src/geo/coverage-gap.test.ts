import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, Polygon, Position } from '../domain/geojson.ts';
import { planarCircle } from './coverage-footprint.ts';
import { planarGapOf } from './coverage-gap.ts';
import { planarBuffer, planarOverlay, planarUnionValid } from './jsts-engine.ts';
import { planarArea } from './planar-segments.ts';
import { pointInAreal } from './point-in-polygon.ts';

const square = (x: number, y: number, s: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});
const inside = (zone: Areal) => (p: Position) => pointInAreal(p, zone);
const jstsGap = (zone: Areal, footprints: Areal[]) => planarOverlay('difference', zone, planarUnionValid(footprints));

/** A seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same ground as jsts: equal areas, and nothing of either outside the other. */
function assertSameGround(ours: Areal, theirs: Areal, what: string): void {
  const a = planarArea(theirs);
  assert.ok(Math.abs(planarArea(ours) - a) <= 1e-9 * Math.max(a, 1), `${what}: area ${planarArea(ours)} vs ${a}`);
  assert.ok(planarArea(planarOverlay('difference', ours, theirs)) <= 1e-6 * Math.max(a, 1), `${what}: ours − jsts`);
  assert.ok(planarArea(planarOverlay('difference', theirs, ours)) <= 1e-6 * Math.max(a, 1), `${what}: jsts − ours`);
}

test('a band zone under random overlapping circles and patrol buffers: the same gap as jsts, as a valid geometry', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const r = random(seed);
    const zone = planarBuffer(
      {
        type: 'LineString',
        coordinates: Array.from({ length: 8 }, (_, i): Position => [i * 20_000, (r() - 0.5) * 20_000]),
      },
      20_000,
      16,
    );
    const footprints: Areal[] = [];
    for (let i = 0; i < 60; i++)
      footprints.push(planarCircle([r() * 140_000, (r() - 0.5) * 60_000], 2000 + r() * 6000));
    for (let i = 0; i < 15; i++) {
      const [x, y] = [r() * 140_000, (r() - 0.5) * 50_000];
      const route: Position[] = Array.from({ length: 4 }, (_, k) => [x + k * 4000, y + (r() - 0.5) * 4000]);
      footprints.push(planarBuffer({ type: 'LineString', coordinates: route }, 2000, 16));
    }
    const ours = planarGapOf(zone, footprints, inside(zone));
    assert.ok(ours, `seed ${seed}: gave up`);
    assertSameGround(ours, jstsGap(zone, footprints), `seed ${seed}`);
    // Exterior rings counter-clockwise, holes clockwise (RFC 7946), every hole inside its shell.
    for (const rings of ours.type === 'Polygon' ? [ours.coordinates] : ours.coordinates) {
      rings.forEach((ring, i) => {
        const a = planarArea({ type: 'Polygon', coordinates: [ring] });
        let signed = 0;
        for (let k = 1; k < ring.length; k++) signed += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
        assert.ok(a > 0 && signed > 0 === (i === 0));
      });
    }
  }
});

test('a footprint wholly inside the zone is a hole; one covering it all leaves no gap; none leaves the zone', () => {
  const zone = square(0, 0, 100);
  const hole = planarGapOf(zone, [planarCircle([50, 50], 10)], inside(zone));
  assert.equal(hole?.type, 'Polygon');
  assert.equal(hole?.coordinates.length, 2);
  assertSameGround(hole!, jstsGap(zone, [planarCircle([50, 50], 10)]), 'hole');
  assert.deepEqual(planarGapOf(zone, [planarCircle([50, 50], 500)], inside(zone)), {
    type: 'MultiPolygon',
    coordinates: [],
  });
  assert.equal(planarArea(planarGapOf(zone, [planarCircle([500, 500], 10)], inside(zone))!), 100 * 100);
});

test('a zone with a hole, and a footprint with a hole (an AOR ring): the ground inside both holes stays a gap', () => {
  const zone: Polygon = {
    type: 'Polygon',
    coordinates: [square(0, 0, 100).coordinates[0], square(10, 10, 10).coordinates[0]],
  };
  const ringAor: Polygon = {
    type: 'Polygon',
    coordinates: [square(40, 40, 40).coordinates[0], square(50.5, 50.5, 20).coordinates[0]],
  };
  const footprints = [ringAor, planarCircle([15, 22], 6)];
  const ours = planarGapOf(zone, footprints, inside(zone));
  assert.ok(ours);
  assertSameGround(ours, jstsGap(zone, footprints), 'holes');
  assert.equal(ours.type, 'MultiPolygon');
});

test('touching or identical outlines are left to jsts (null)', () => {
  const zone = square(0, 0, 100);
  assert.equal(planarGapOf(zone, [planarCircle([50, 50], 10), planarCircle([50, 50], 10)], inside(zone)), null);
  assert.equal(planarGapOf(zone, [square(20, 20, 10), square(30, 20, 10)], inside(zone)), null);
  assert.equal(planarGapOf(zone, [square(0, 20, 10)], inside(zone)), null);
});
