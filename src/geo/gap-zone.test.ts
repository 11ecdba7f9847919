import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeamError } from '../domain/errors.ts';
import type { LineString, Polygon } from '../domain/geojson.ts';
import { gapZoneKey, prepareGapZone } from './gap-zone.ts';

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [45, 35.2],
  ],
};

test('a zone from zoneKm is the buffer of the line; its edges, locator and study areas are ready', () => {
  const z = prepareGapZone({ line, zoneKm: 10 });
  assert.ok(Math.abs(z.frame.zoneKm2 - (2 * 10 * z.locator.lengthKm + Math.PI * 100)) < 0.002 * z.frame.zoneKm2);
  assert.ok(z.boundary.side.includes(1) && z.boundary.side.includes(-1));
  assert.equal(z.zoneProblem, null);
  const study = z.study(7, 1);
  assert.equal(z.study(7, 1), study, 'kept after first use');
  assert.ok(study.cells.length > 100);
});

test('a drawn self-intersecting zone is repaired and the problem kept; a missing or absurd zone is refused', () => {
  const bowtie: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [43.9, 34.8],
        [45.1, 35.4],
        [45.1, 34.8],
        [43.9, 35.4],
        [43.9, 34.8],
      ],
    ],
  };
  assert.match(prepareGapZone({ line, zone: bowtie }).zoneProblem ?? '', /crosses itself/);
  for (const zoneKm of [undefined, 0, -5, 101])
    assert.throws(
      () => prepareGapZone({ line, zoneKm }),
      (e: SeamError) => e.issues[0].field === 'zoneKm',
    );
  assert.throws(
    () =>
      prepareGapZone({
        line: {
          type: 'LineString',
          coordinates: [
            [44, 95],
            [45, 35],
          ],
        },
        zoneKm: 5,
      }),
    /line/,
  );
});

test('the key changes with the line, the zone or its width', () => {
  const a = gapZoneKey({ line, zoneKm: 10 });
  assert.equal(gapZoneKey({ line, zoneKm: 10 }), a);
  assert.notEqual(gapZoneKey({ line, zoneKm: 11 }), a);
  assert.notEqual(
    gapZoneKey({
      line: {
        type: 'LineString',
        coordinates: [
          [44, 35],
          [45, 35.21],
        ],
      },
      zoneKm: 10,
    }),
    a,
  );
});
