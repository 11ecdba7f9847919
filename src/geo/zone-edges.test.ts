import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString, Polygon } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import { lineLengthKm } from './distance.ts';
import { lineSide } from './line-side.ts';
import { zoneEdges } from './zone-edges.ts';

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [44.5, 35.1],
    [45, 34.9],
    [45.4, 35.2],
  ],
};

test('the edges of a buffer zone are its two long sides, without the end caps', () => {
  const zone = bufferKm(line, 10);
  const { left, right } = zoneEdges(zone, line);
  assert.equal(left.length, 1);
  assert.equal(right.length, 1);
  for (const [edge, sign] of [
    [left[0], 1],
    [right[0], -1],
  ] as const) {
    // Every point of the edge lies 10 km from the line on its side, and none lies beyond an end.
    for (const p of edge.coordinates) {
      const s = lineSide(line, p);
      assert.ok(Math.abs(s.signedKm - sign * 10) < 0.05, `${s.signedKm}`);
    }
    // Each edge runs about as long as the line (longer outside bends, shorter inside).
    const ratio = lineLengthKm(edge) / lineLengthKm(line);
    assert.ok(ratio > 0.85 && ratio < 1.15, `${ratio}`);
  }
});

test('a drawn rectangle the line runs through: its long sides are the edges, its short ends are not', () => {
  const straight: LineString = {
    type: 'LineString',
    coordinates: [
      [43.9, 35],
      [45.1, 35],
    ],
  };
  const rectangle: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [44, 34.9],
        [45, 34.9],
        [45, 35.1],
        [44, 35.1],
        [44, 34.9],
      ],
    ],
  };
  const { left, right } = zoneEdges(rectangle, straight);
  assert.equal(left.length, 1);
  assert.equal(right.length, 1);
  const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  assert.ok(left[0].coordinates.length === 2 && left[0].coordinates.every(([, y]) => close(y, 35.1)));
  assert.ok(right[0].coordinates.length === 2 && right[0].coordinates.every(([, y]) => close(y, 34.9)));
});
