import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { distanceKm } from './distance.ts';
import { buildPresenceIndex, type CoverageItem, distanceToLineKm } from './presence-index.ts';

const always = { activeFrom: '2000-01-01T00:00:00.000Z', activeTo: null };
const t = '2026-01-01T00:00:00.000Z';

function checkpoint(
  id: string,
  org: string,
  lon: number,
  lat: number,
  km = 5,
  active: { activeFrom: string; activeTo: string | null } = always,
): CoverageItem {
  return { id, org, name: id, kind: 'checkpoint', geometry: { type: 'Point', coordinates: [lon, lat] }, km, ...active };
}

test('a point is covered inside a checkpoint radius, along a patrol buffer and inside an AOR, only while active', () => {
  const items: CoverageItem[] = [
    checkpoint('cp', 'isf', 44.0, 35.0, 5),
    checkpoint('closed', 'isf', 45.0, 35.0, 5, {
      activeFrom: '2000-01-01T00:00:00.000Z',
      activeTo: '2025-01-01T00:00:00.000Z',
    }),
    {
      id: 'p',
      org: 'peshmerga',
      name: 'p',
      kind: 'patrol',
      geometry: {
        type: 'LineString',
        coordinates: [
          [43, 36],
          [43.5, 36],
        ],
      },
      km: 2,
      ...always,
    },
    {
      id: 'a',
      org: 'peshmerga',
      name: 'a',
      kind: 'unit_aor',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [42, 34],
            [42.2, 34],
            [42.2, 34.2],
            [42, 34.2],
            [42, 34],
          ],
        ],
      },
      km: 0,
      ...always,
    },
  ];
  const index = buildPresenceIndex(items);
  assert.equal(index.covered(44.05, 35.0, t), true, 'about 4.6 km from the checkpoint');
  assert.equal(index.covered(44.06, 35.0, t), false, 'about 5.5 km away');
  assert.equal(index.covered(45.0, 35.0, t), false, 'the closed checkpoint covers nothing now');
  assert.equal(index.covered(45.0, 35.0, '2024-06-01T00:00:00.000Z'), true, 'but did while open');
  assert.equal(index.covered(43.25, 36.015, t), true, 'about 1.7 km off the patrol route');
  assert.equal(index.covered(43.25, 36.03, t), false, 'about 3.3 km off');
  assert.equal(index.covered(42.1, 34.1, t), true);
  assert.equal(buildPresenceIndex([]).covered(44, 35, t), false);
});

test('the nearest checkpoint of each organisation agrees with a brute-force search', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          org: fc.constantFrom('a', 'b'),
          lon: fc.double({ min: 42, max: 46, noNaN: true }),
          lat: fc.double({ min: 33, max: 37, noNaN: true }),
        }),
        { minLength: 1, maxLength: 60 },
      ),
      fc.double({ min: 42, max: 46, noNaN: true }),
      fc.double({ min: 33, max: 37, noNaN: true }),
      (cps, lon, lat) => {
        const items = cps.map((c, k) => checkpoint(`c${k}`, c.org, c.lon, c.lat));
        const got = buildPresenceIndex(items).nearestCheckpoints(lon, lat, t);
        for (const org of ['a', 'b']) {
          const own = items.filter((i) => i.org === org);
          const found = got.find((g) => g.org === org);
          if (own.length === 0) {
            assert.equal(found, undefined);
            continue;
          }
          const best = Math.min(...own.map((i) => distanceKm([lon, lat], i.geometry.coordinates as [number, number])));
          assert.ok(found && Math.abs(found.km - best) < 0.01, `${org}: ${found?.km} vs ${best}`);
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('distance to a line agrees with the great circle within 0.5% at tens of km', () => {
  fc.assert(
    fc.property(fc.double({ min: -0.3, max: 0.3, noNaN: true }), (dLat) => {
      const km = distanceToLineKm(
        [44.2, 35 + dLat],
        [
          [44, 35],
          [44.5, 35],
        ],
      );
      const exact = distanceKm([44.2, 35 + dLat], [44.2, 35]);
      assert.ok(Math.abs(km - exact) <= exact * 0.005 + 0.01, `${km} vs ${exact}`);
    }),
  );
});
