import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellsToMultiPolygon, gridDisk, latLngToCell } from 'h3-js';
import type { MultiPolygon, Position } from '../domain/geojson.ts';
import { h3StudyArea } from './h3-study-area.ts';

const centre = latLngToCell(35.5, 44.5, 8);
/** A zone that is exactly a cell and its ring: the study area is those seven cells. */
const seven: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: cellsToMultiPolygon(gridDisk(centre, 1), true) as Position[][][],
};

test('the study area holds the cells whose centres lie in the zone, with W cut to it', () => {
  const study = h3StudyArea(seven, 8, 1);
  assert.deepEqual(study.cells, [...gridDisk(centre, 1)].sort());
  assert.equal(study.w[study.index.get(centre)!], 7);
  // Each ring cell sees itself, the centre and its two ring neighbours.
  for (const c of study.cells) if (c !== centre) assert.equal(study.w[study.index.get(c)!], 4);
  assert.deepEqual([...study.wCounts].sort(), [
    [4, 6],
    [7, 1],
  ]);
  assert.throws(() => h3StudyArea(seven, 16, 1), /resolution/);
  assert.throws(() => h3StudyArea(seven, 8, 0), /\.k/);
});

test('neighbourhoods are stored as cell positions, the cell itself included, and are symmetric', () => {
  const zone: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: cellsToMultiPolygon(gridDisk(centre, 3), true) as Position[][][],
  };
  const study = h3StudyArea(zone, 8, 2);
  assert.equal(study.cells.length, 37);
  for (let i = 0; i < study.cells.length; i++) {
    const nb = [...study.neighbours.subarray(study.offsets[i], study.offsets[i + 1])];
    assert.equal(nb.length, study.w[i]);
    assert.ok(nb.includes(i));
    for (const j of nb) assert.ok(study.neighbours.subarray(study.offsets[j], study.offsets[j + 1]).includes(i));
  }
  assert.equal(study.w[study.index.get(centre)!], 19);
});
