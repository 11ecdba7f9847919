import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FlatSegments, segmentCrossings } from './segment-crossings.ts';

/** Segments given as [ax, ay, bx, by, group]. */
function flat(list: number[][]): FlatSegments {
  const s: FlatSegments = {
    x: new Float64Array(2 * list.length),
    y: new Float64Array(2 * list.length),
    group: new Int32Array(list.length),
    count: list.length,
  };
  list.forEach(([ax, ay, bx, by, g], i) => {
    s.x.set([ax, bx], 2 * i);
    s.y.set([ay, by], 2 * i);
    s.group[i] = g;
  });
  return s;
}

test('a clean crossing is found once, with its point and its fraction along each segment', () => {
  const c = segmentCrossings(
    flat([
      [0, 0, 4, 4, 0],
      [0, 3, 3, 0, 1],
      [10, 10, 11, 11, 0],
    ]),
  );
  assert.ok(c);
  assert.equal(c.a.length, 1);
  assert.deepEqual([c.x[0], c.y[0]], [1.5, 1.5]);
  const [ta, tb] = c.a[0] === 0 ? [c.ta[0], c.tb[0]] : [c.tb[0], c.ta[0]];
  assert.equal(ta, 1.5 / 4);
  assert.equal(tb, 0.5);
});

test('segments of one group are never tested against each other', () => {
  const c = segmentCrossings(
    flat([
      [0, 0, 4, 4, 2],
      [0, 4, 4, 0, 2],
    ]),
  );
  assert.deepEqual(c?.a, []);
});

test('touching, an endpoint on the other segment or a collinear overlap gives up', () => {
  assert.equal(
    segmentCrossings(
      flat([
        [0, 0, 2, 0, 0],
        [2, 0, 2, 2, 1],
      ]),
    ),
    null,
  );
  assert.equal(
    segmentCrossings(
      flat([
        [0, 0, 2, 0, 0],
        [1, 0, 1, 2, 1],
      ]),
    ),
    null,
  );
  assert.equal(
    segmentCrossings(
      flat([
        [0, 0, 2, 0, 0],
        [1, 0, 3, 0, 1],
      ]),
    ),
    null,
  );
});

test('an endpoint in line with another segment but clear of it is not a problem', () => {
  // (6, 0) lies on the line of the first segment, beyond its end; the boxes overlap.
  const c = segmentCrossings(
    flat([
      [0, 0, 4, 0, 0],
      [2, 1, 6, 0, 1],
    ]),
  );
  assert.deepEqual(c?.a, []);
});

test('many crossings spread over a large extent are all found (grid cells of any size)', () => {
  // A comb of 200 vertical segments crossed by one long horizontal one, far from the origin.
  const list = [[1e6, 5e5 + 0.5, 1e6 + 2000, 5e5 + 0.5, 0]];
  for (let i = 0; i < 200; i++) list.push([1e6 + 10 * i + 5, 5e5, 1e6 + 10 * i + 5, 5e5 + 1, 1]);
  const c = segmentCrossings(flat(list));
  assert.equal(c?.a.length, 200);
});
