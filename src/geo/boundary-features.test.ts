import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codAbFields, readBoundaryFeatures } from './boundary-features.ts';

const ring = [
  [44, 35],
  [45, 35],
  [45, 36],
  [44, 35],
];
const feature = (
  properties: Record<string, unknown>,
  geometry: unknown = { type: 'Polygon', coordinates: [ring] },
) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const fields = codAbFields(2);

test('COD-AB field names for a level', () => {
  assert.deepEqual(codAbFields(1), { name: 'ADM1_EN', nameAr: 'ADM1_AR', pcode: 'ADM1_PCODE', parent: 'ADM0_PCODE' });
});

test('reads names, codes and geometry; drops a third ordinate', () => {
  const { drafts, problems } = readBoundaryFeatures(
    collection(
      feature(
        { ADM2_EN: ' Kirkuk ', ADM2_AR: 'كركوك', ADM2_PCODE: 'IQG13Q04', ADM1_PCODE: 'IQG13' },
        { type: 'MultiPolygon', coordinates: [[ring.map(([x, y]) => [x, y, 100])]] },
      ),
    ),
    fields,
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(drafts, [
    {
      pcode: 'IQG13Q04',
      name: 'Kirkuk',
      nameAr: 'كركوك',
      parentPcode: 'IQG13',
      geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
    },
  ]);
});

test('every problem is reported with its feature index, and no drafts come back', () => {
  const { drafts, problems } = readBoundaryFeatures(
    collection(
      feature({ ADM2_EN: 'A', ADM2_PCODE: 'P1' }),
      feature({ ADM2_EN: 'B' }),
      feature({ ADM2_EN: 'C', ADM2_PCODE: 'P3' }, { type: 'LineString', coordinates: ring }),
      feature(
        { ADM2_EN: 'D', ADM2_PCODE: 'P4' },
        { type: 'Polygon', coordinates: [ring.slice(0, 3).concat([[44.5, 35]])] },
      ),
      feature({ ADM2_EN: 'E', ADM2_PCODE: 'P1' }),
      feature({ ADM2_PCODE: 'P6' }),
      feature(
        { ADM2_EN: 'G', ADM2_PCODE: 'P7' },
        {
          type: 'Polygon',
          coordinates: [
            [
              [44, 35],
              [45, 95],
              [45, 36],
              [44, 35],
            ],
          ],
        },
      ),
      feature({ ADM2_EN: 'H', ADM2_PCODE: 'P8' }, null),
      { type: 'Feature' },
      'junk',
    ),
    fields,
  );
  assert.deepEqual(drafts, []);
  assert.deepEqual(
    problems.map((p) => [p.index, p.pcode, p.field, p.problem]),
    [
      [1, null, 'ADM2_PCODE', 'has no place code (property ADM2_PCODE)'],
      [2, 'P3', 'geometry', 'geometry is LineString, expected Polygon or MultiPolygon'],
      [3, 'P4', 'geometry', 'ring 0 is not closed (first position 44,35, last 44.5,35)'],
      [4, 'P1', 'ADM2_PCODE', 'place code P1 is also used by feature 0'],
      [5, 'P6', 'ADM2_EN', 'has no name (property ADM2_EN)'],
      [6, 'P7', 'geometry', 'ring 0 position 1: latitude 95 out of range'],
      [7, 'P8', 'geometry', 'has no geometry'],
      [8, null, 'ADM2_PCODE', 'has no place code (property ADM2_PCODE)'],
      [8, null, 'ADM2_EN', 'has no name (property ADM2_EN)'],
      [8, null, 'geometry', 'has no geometry'],
      [9, null, 'feature', 'is not a GeoJSON Feature'],
    ],
  );
});

test('file-level problems: not a collection, empty, or another coordinate system', () => {
  const problem = (doc: unknown) => readBoundaryFeatures(doc, fields).problems[0]?.problem;
  assert.equal(problem({ type: 'Feature' }), 'is not a GeoJSON FeatureCollection');
  assert.equal(problem([]), 'is not a GeoJSON FeatureCollection');
  assert.equal(problem(collection()), 'has no features');
  assert.equal(
    problem({
      ...collection(feature({ ADM2_EN: 'A', ADM2_PCODE: 'P' })),
      crs: { type: 'name', properties: { name: 'EPSG:32638' } },
    }),
    'uses a coordinate reference system other than WGS84 lon/lat (CRS84)',
  );
  const crs84 = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
  assert.equal(problem({ ...collection(feature({ ADM2_EN: 'A', ADM2_PCODE: 'P' })), crs: crs84 }), undefined);
});

test('a ring of three positions and a polygon without rings are refused', () => {
  const { problems } = readBoundaryFeatures(
    collection(
      feature({ ADM2_EN: 'A', ADM2_PCODE: 'P1' }, { type: 'Polygon', coordinates: [ring.slice(1)] }),
      feature({ ADM2_EN: 'B', ADM2_PCODE: 'P2' }, { type: 'Polygon', coordinates: [] }),
      feature({ ADM2_EN: 'C', ADM2_PCODE: 'P3' }, { type: 'MultiPolygon', coordinates: [[ring], [[ring[0], 'x']]] }),
    ),
    fields,
  );
  assert.deepEqual(
    problems.map((p) => p.problem),
    [
      'ring 0 has 3 positions; a ring needs at least 4',
      'polygon has no rings',
      'polygon 1 ring 0 has 2 positions; a ring needs at least 4',
    ],
  );
});
