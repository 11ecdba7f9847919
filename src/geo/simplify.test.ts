import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Areal, MultiPolygon, Polygon, Position } from '../domain/geojson.ts';
import { simplifyAreal } from './simplify.ts';

/** A square of side s at (x, y) with `n` nearly collinear points on each edge. */
function noisySquare(x: number, y: number, s: number, n: number, noise: number): Position[] {
  const corners: Position[] = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
  ];
  const ring: Position[] = [];
  for (let c = 0; c < 4; c++) {
    const [ax, ay] = corners[c];
    const [bx, by] = corners[(c + 1) % 4];
    for (let i = 0; i < n; i++) {
      const t = i / n;
      const wobble = i === 0 ? 0 : noise * (i % 2 ? 1 : -1);
      ring.push([ax + (bx - ax) * t + (ay === by ? 0 : wobble), ay + (by - ay) * t + (ay === by ? wobble : 0)]);
    }
  }
  ring.push(ring[0]);
  return ring;
}

const rings = (g: Areal | null): Position[][] =>
  g === null ? [] : g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();

function assertValidRings(g: Areal | null): void {
  for (const ring of rings(g)) {
    assert.ok(ring.length >= 4, `ring of ${ring.length} positions`);
    assert.deepEqual(ring[0], ring.at(-1), 'ring is closed');
  }
}

test('points closer to an edge than the tolerance go; corners stay', () => {
  const p: Polygon = { type: 'Polygon', coordinates: [noisySquare(44, 35, 1, 50, 0.001)] };
  const s = simplifyAreal(p, 0.01) as Polygon;
  assert.equal(s.type, 'Polygon');
  assert.deepEqual(s.coordinates[0], [
    [44, 35],
    [45, 35],
    [45, 36],
    [44, 36],
    [44, 35],
  ]);
});

test('a point further than the tolerance is kept', () => {
  const ring: Position[] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0.5, 1.05],
    [0, 1],
    [0, 0],
  ];
  const s = simplifyAreal({ type: 'Polygon', coordinates: [ring] }, 0.01) as Polygon;
  assert.deepEqual(s.coordinates[0], ring);
  const coarse = simplifyAreal({ type: 'Polygon', coordinates: [ring] }, 0.1) as Polygon;
  assert.equal(coarse.coordinates[0].length, 5);
});

test('coordinates are rounded to the given decimals, without repeated positions', () => {
  const s = simplifyAreal(
    {
      type: 'Polygon',
      coordinates: [
        [
          [44.123456789, 35.987654321],
          [44.123456788, 35.987654322],
          [45.000001, 35.5],
          [44.5, 36.2],
          [44.123456789, 35.987654321],
        ],
      ],
    },
    0,
  ) as Polygon;
  assert.deepEqual(s.coordinates[0], [
    [44.12346, 35.98765],
    [45, 35.5],
    [44.5, 36.2],
    [44.12346, 35.98765],
  ]);
});

test('a hole or a part that collapses is dropped; the rest stays valid', () => {
  const outer = noisySquare(0, 0, 1, 10, 0.0001);
  const tinyHole = noisySquare(0.5, 0.5, 0.001, 3, 0);
  const island = noisySquare(3, 3, 0.002, 3, 0);
  const g: MultiPolygon = { type: 'MultiPolygon', coordinates: [[outer, tinyHole], [island]] };
  const s = simplifyAreal(g, 0.01);
  assert.equal(s?.type, 'Polygon', 'one part left');
  assert.equal((s as Polygon).coordinates.length, 1, 'the hole is gone');
  assertValidRings(s);
});

test('a boundary smaller than the tolerance keeps its largest ring, unsimplified', () => {
  const small = noisySquare(44, 35, 0.003, 4, 0.0002);
  const smaller = noisySquare(46, 35, 0.001, 2, 0);
  const s = simplifyAreal({ type: 'MultiPolygon', coordinates: [[smaller], [small]] }, 0.01) as Polygon;
  assert.equal(s.type, 'Polygon');
  assert.equal(s.coordinates[0].length, small.length);
  assert.equal(simplifyAreal({ type: 'Polygon', coordinates: [noisySquare(0, 0, 1e-7, 1, 0)] }, 0.01), null);
});

test('property: every ring stays closed with 4+ positions, every kept vertex is an input vertex, and no input vertex is far from the result', () => {
  const star = fc
    .record({
      cx: fc.double({ min: 40, max: 48, noNaN: true }),
      cy: fc.double({ min: 30, max: 37, noNaN: true }),
      radii: fc.array(fc.double({ min: 0.001, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 200 }),
    })
    .map(({ cx, cy, radii }): Position[] => {
      const ring = radii.map((r, i): Position => {
        const a = (2 * Math.PI * i) / radii.length;
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
      return [...ring, ring[0]];
    });
  fc.assert(
    fc.property(star, fc.constantFrom(0.002, 0.005, 0.01), (ring, tolerance) => {
      const s = simplifyAreal({ type: 'Polygon', coordinates: [ring] }, tolerance, 12);
      assertValidRings(s);
      if (!s) return;
      const out = rings(s)[0];
      for (const p of out)
        assert.ok(
          ring.some((q) => Math.abs(p[0] - q[0]) < 1e-9 && Math.abs(p[1] - q[1]) < 1e-9),
          'a kept vertex is an input vertex',
        );
      for (const p of ring) {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i + 1 < out.length; i++) {
          const [a, b] = [out[i], out[i + 1]];
          const dx = b[0] - a[0];
          const dy = b[1] - a[1];
          const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
          best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
        }
        assert.ok(best <= tolerance + 1e-9, `input vertex ${p} is ${best} from the result`);
      }
    }),
    { numRuns: 300 },
  );
});
