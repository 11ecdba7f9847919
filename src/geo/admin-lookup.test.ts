import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { iraqBoundaryFile, needsFullIraqData } from '../../test/harness/iraq-data.ts';
import { mulberry32 } from '../demo/random.ts';
import type { Areal, Position } from '../domain/geojson.ts';
import { buildAdminLookup, locateBruteForce } from './admin-lookup.ts';

const square = (x: number, y: number, s: number): Position[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

interface Named {
  name: string;
  geometry: Areal;
}

test('finds the polygon containing a point, honouring holes and multipolygon parts', () => {
  const features: Named[] = [
    { name: 'donut', geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] } },
    { name: 'islands', geometry: { type: 'MultiPolygon', coordinates: [[square(4.5, 4.5, 1)], [square(20, 20, 1)]] } },
  ];
  const lookup = buildAdminLookup(features);
  assert.equal(lookup.size, 2);
  assert.equal(lookup.locate(1, 1)?.name, 'donut');
  assert.equal(lookup.locate(5, 5)?.name, 'islands');
  assert.equal(lookup.locate(4.2, 4.2), null);
  assert.equal(lookup.locate(20.5, 20.5)?.name, 'islands');
  assert.equal(lookup.locate(15, 15), null);
});

test('where polygons overlap, the first given wins, as in the brute-force reference', () => {
  const features: Named[] = [
    { name: 'a', geometry: { type: 'Polygon', coordinates: [square(0, 0, 2)] } },
    { name: 'b', geometry: { type: 'Polygon', coordinates: [square(1, 1, 2)] } },
  ];
  assert.equal(buildAdminLookup(features).locate(1.5, 1.5)?.name, 'a');
  assert.equal(buildAdminLookup([...features].reverse()).locate(1.5, 1.5)?.name, 'b');
});

test('no features: every point is outside', () => {
  assert.equal(buildAdminLookup([]).locate(44, 35), null);
});

test('agrees with brute force on the 101 Iraq districts over 5,000 random points', { skip: needsFullIraqData }, () => {
  const file = iraqBoundaryFile(2);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: { ADM2_PCODE: string }; geometry: Areal }[];
  };
  const features = doc.features.map((f) => ({ name: f.properties.ADM2_PCODE, geometry: f.geometry }));
  const lookup = buildAdminLookup(features);
  const random = mulberry32(7);
  let inside = 0;
  for (let i = 0; i < 5000; i++) {
    const lon = 38 + random() * 11;
    const lat = 28.5 + random() * 9.5;
    const expected = locateBruteForce(features, lon, lat);
    assert.equal(lookup.locate(lon, lat), expected, `${lon},${lat}`);
    if (expected) inside++;
  }
  assert.ok(inside > 2000, `${inside} points fell inside a district`);
});
