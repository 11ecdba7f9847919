import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityArea } from '../domain/activity.ts';
import { SeamError } from '../domain/errors.ts';
import { areaFootprint, checkActivityArea, footprintBBox, footprintDistance } from './activity-area.ts';
import { distanceKm } from './distance.ts';

function refusal(area: ActivityArea): string {
  try {
    checkActivityArea(area);
  } catch (err) {
    assert.ok(err instanceof SeamError);
    return `${err.issues[0].field}: ${err.issues[0].reason}`;
  }
  return 'accepted';
}

const route = (coordinates: Array<[number, number]>, bufferKm = 1): ActivityArea => ({
  shape: 'route',
  geometry: { type: 'LineString', coordinates },
  bufferKm,
});
const polygon = (ring: Array<[number, number]>): ActivityArea => ({
  shape: 'polygon',
  geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
});

test('areas of absurd size and outlines that cross themselves are refused, naming the field', () => {
  assert.equal(
    refusal(
      route([
        [44, 35],
        [44.2, 35.1],
        [44.4, 35],
      ]),
    ),
    'accepted',
  );
  assert.match(
    refusal(
      route([
        [44, 35],
        [44.2, 35.2],
        [44.2, 35],
        [44, 35.2],
      ]),
    ),
    /^area\.points: the route crosses itself/,
  );
  assert.match(
    refusal(
      route([
        [40, 30],
        [47, 36],
      ]),
    ),
    /^area\.points: spans/,
  );
  assert.match(
    refusal(
      route(
        [
          [44, 35],
          [44.1, 35],
        ],
        300,
      ),
    ),
    /^area\.buffer_km/,
  );
  assert.match(
    refusal({ shape: 'point', geometry: { type: 'Point', coordinates: [44, 35] }, radiusKm: 0 }),
    /^area\.radius_km/,
  );
  assert.equal(
    refusal(
      polygon([
        [44, 35],
        [44.2, 35],
        [44.2, 35.2],
        [44, 35.2],
      ]),
    ),
    'accepted',
  );
  assert.match(
    refusal(
      polygon([
        [44, 35],
        [44.2, 35.2],
        [44.2, 35],
        [44, 35.2],
      ]),
    ),
    /polygon outline crosses itself/,
  );
  assert.match(
    refusal(
      polygon([
        [43, 34],
        [44.6, 34],
        [44.6, 35.6],
        [43, 35.6],
      ]),
    ),
    /^area\.points: covers \d+ km²/,
  );
  assert.match(
    refusal(
      route([
        [44, 95],
        [44, 35],
      ]),
    ),
    /^area\.points\.0/,
  );
});

test('the distance between footprints subtracts their reach, is 0 where they overlap, and agrees with the sphere', () => {
  const d = footprintDistance([44.4, 35.45]);
  const line = areaFootprint(
    route(
      [
        [44.3, 35.45],
        [44.5, 35.45],
      ],
      0.5,
    ),
  );
  const point = (lat: number, r: number) => ({
    core: { type: 'Point' as const, coordinates: [44.4, lat] as [number, number] },
    reachKm: r,
  });
  const exact = distanceKm([44.4, 35.45], [44.4, 35.5]);
  assert.ok(Math.abs(d(line, point(35.5, 1)) - (exact - 1.5)) < 0.01, `${d(line, point(35.5, 1))} vs ${exact - 1.5}`);
  assert.equal(d(line, point(35.46, 1)), 0);
  const square = areaFootprint(
    polygon([
      [44.35, 35.4],
      [44.45, 35.4],
      [44.45, 35.5],
      [44.35, 35.5],
    ]),
  );
  assert.equal(d(square, point(35.45, 0)), 0, 'a point inside a polygon');
  assert.equal(d(square, line), 0, 'a route crossing a polygon');
});

test('a footprint’s search box holds everything within its reach and the extra distance', () => {
  const f = { core: { type: 'Point' as const, coordinates: [44.4, 35.45] as [number, number] }, reachKm: 1 };
  const [w, s, e, n] = footprintBBox(f, 2);
  assert.ok(distanceKm([44.4, 35.45], [w, 35.45]) >= 3 && distanceKm([44.4, 35.45], [44.4, n]) >= 3);
  assert.ok(distanceKm([44.4, 35.45], [e, 35.45]) < 3.05 && distanceKm([44.4, 35.45], [44.4, s]) < 3.1);
});
