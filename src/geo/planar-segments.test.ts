import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Polygon } from '../domain/geojson.ts';
import {
  buildSegmentIndex,
  planarArea,
  pointSegmentDistance2,
  ringSegments,
  segmentSegmentDistance,
} from './planar-segments.ts';

const holed: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [2, 2],
      [2, 4],
      [4, 4],
      [4, 2],
      [2, 2],
    ],
  ],
};

test('point–segment and segment–segment distances', () => {
  assert.equal(pointSegmentDistance2(5, 3, 0, 0, 10, 0), 9);
  assert.equal(pointSegmentDistance2(13, 4, 0, 0, 10, 0), 25);
  assert.equal(segmentSegmentDistance([0, 0], [10, 0], [5, -1], [5, 1]), 0);
  assert.equal(segmentSegmentDistance([0, 0], [10, 0], [12, 0], [12, 5]), 2);
});

test('planarArea subtracts holes whatever the winding', () => {
  assert.equal(planarArea(holed), 96);
});

test('the segment index finds the nearest segment within a distance, else Infinity', () => {
  const index = buildSegmentIndex(ringSegments(holed));
  assert.equal(index.count, 8);
  assert.equal(index.distanceWithin(3, 3, 5), 1);
  assert.equal(index.distanceWithin(5, 5.5, 1), Number.POSITIVE_INFINITY);
  assert.equal(buildSegmentIndex([]).distanceWithin(0, 0, 10), Number.POSITIVE_INFINITY);
});
