import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../domain/geojson.ts';
import { gapCrossings, narrowestWidth } from './corridor-width.ts';

/** A rectangle 0..len × 0..h whose bottom is the right edge (−1), top the left edge (+1), sides obstacles. */
function strip(len: number, h: number, holes: Position[][] = []) {
  const outer: Position[] = [
    [0, 0],
    [len, 0],
    [len, h],
    [0, h],
    [0, 0],
  ];
  return {
    rings: [outer, ...holes],
    kinds: [Int8Array.from([-1, 0, 1, 0]), ...holes.map((r) => new Int8Array(r.length - 1))],
  };
}
const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x, y + s],
  [x + s, y + s],
  [x + s, y],
  [x, y],
];

test('an open strip is as wide as its length allows; the grid bounds the error', () => {
  const b = narrowestWidth(strip(3000, 10000));
  assert.ok(b);
  assert.ok(Math.abs(b.widthM - 3000) <= 2 * b.cellM, `${b.widthM} ± ${b.cellM}`);
});

test('an island in a strip: one corridor with two routes, as wide as the wider passage', () => {
  // Strip 10 km long, 8 km across; an island from x = 3 to 9 km, y = 2 to 6 km: passages 3 km and 1 km wide.
  const outline = strip(10_000, 8_000, [
    square(3_000, 2_000, 6_000).map(([x, y]) => [x, Math.min(y, 6_000)] as Position),
  ]);
  const { crossings, cellM } = gapCrossings(outline, 100_000);
  assert.equal(crossings.length, 1);
  assert.ok(Math.abs(crossings[0].widthM - 3000) <= 2 * cellM, `${crossings[0].widthM}`);
  assert.ok(crossings[0].at[0] < 3000);
});

test('two crossings that meet only through a narrower passage are two corridors, sharing the area', () => {
  // An H: bar 1 (x 0–3 km) and bar 2 (x 9–10 km) cross from the bottom (right edge) to the top (left edge),
  // joined by a 0.6 km connector in the middle.
  const ring: Position[] = [
    [0, 0],
    [3000, 0],
    [3000, 3700],
    [9000, 3700],
    [9000, 0],
    [10000, 0],
    [10000, 8000],
    [9000, 8000],
    [9000, 4300],
    [3000, 4300],
    [3000, 8000],
    [0, 8000],
    [0, 0],
  ];
  const kinds = Int8Array.from([-1, 0, 0, 0, -1, 0, 1, 0, 0, 0, 1, 0]);
  const { crossings, cellM } = gapCrossings({ rings: [ring], kinds: [kinds] }, 100_000);
  assert.equal(crossings.length, 2);
  assert.ok(Math.abs(crossings[0].widthM - 3000) <= 2 * cellM, `${crossings[0].widthM}`);
  assert.ok(Math.abs(crossings[1].widthM - 1000) <= 2 * cellM, `${crossings[1].widthM}`);
  assert.ok(crossings[0].at[0] < 3000 && crossings[1].at[0] > 9000);
  assert.ok(Math.abs(crossings[0].share + crossings[1].share - 1) < 1e-9);
  assert.ok(crossings[0].share > crossings[1].share);
});

test('no crossing when only one edge is touched', () => {
  const outline = {
    rings: [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ] as Position[],
    ],
    kinds: [Int8Array.from([1, 0, 0, 0])],
  };
  assert.equal(narrowestWidth(outline), null);
});

test('a gap narrowing to a point where the left edge meets the right edge: one crossing, bounded by that point', () => {
  // A triangle whose apex is the pinch of a repaired bow-tie zone: left edge (+1) and right edge (−1) meet there.
  const pinch: Position = [0, 0];
  const outline = {
    rings: [[pinch, [-40000, 50000], [-40000, -50000], pinch] as Position[]],
    kinds: [Int8Array.from([1, 0, -1])],
  };
  const { crossings, cellM } = gapCrossings(outline, 20_000);
  assert.equal(crossings.length, 1);
  assert.equal(crossings[0].share, 1);
  assert.ok(crossings[0].widthM <= 40000 + 2 * cellM, `width ${crossings[0].widthM}`);
  assert.ok(Math.abs(crossings[0].widthM - 40000) <= 3 * cellM, `width ${crossings[0].widthM}`);
});
