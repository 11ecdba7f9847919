import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeamError } from '../domain/errors.ts';
import { checkCoverageItem, equalAreaRadiusFactor, planarCircle, planarFootprint } from './coverage-footprint.ts';
import { planarArea } from './planar-segments.ts';
import type { CoverageItem } from './presence-index.ts';
import { createProjection } from './projection.ts';

const base = { id: 'x', org: 'isf', name: 'x', activeFrom: '2026-01-01T00:00:00Z', activeTo: null };

test('a checkpoint polygon has exactly the area of its circle, for any vertex count', () => {
  for (const n of [8, 32, 64, 256]) {
    const area = planarArea(planarCircle([1000, -2000], 5000, n));
    assert.ok(Math.abs(area / (Math.PI * 5000 ** 2) - 1) < 1e-12, `${n}: ${area}`);
  }
  assert.ok(equalAreaRadiusFactor(64) > 1 && equalAreaRadiusFactor(64) < 1.001);
});

test('a patrol footprint is its route buffered, an AOR its polygon', () => {
  const p = createProjection(44, 35);
  const patrol: CoverageItem = {
    ...base,
    kind: 'patrol',
    km: 2,
    geometry: {
      type: 'LineString',
      coordinates: [
        [44, 35],
        [44.2, 35],
      ],
    },
  };
  const f = planarFootprint(patrol, p);
  const lengthM = Math.hypot(...(p.forward([44.2, 35]).map((v, i) => v - p.forward([44, 35])[i]) as [number, number]));
  const expected = 2 * 2000 * lengthM + Math.PI * 2000 ** 2;
  assert.ok(Math.abs(planarArea(f) / expected - 1) < 0.001);
});

test('radii and buffers outside (0, 100] km, wrong geometry types and non-lon/lat positions are refused', () => {
  const cp = (km: number): CoverageItem => ({
    ...base,
    kind: 'checkpoint',
    km,
    geometry: { type: 'Point', coordinates: [44, 35] },
  });
  assert.doesNotThrow(() => checkCoverageItem(cp(5), 'presence[0]'));
  for (const km of [0, -1, 101, Number.NaN])
    assert.throws(
      () => checkCoverageItem(cp(km), 'presence[0]'),
      (e: SeamError) => e.issues[0].field === 'presence[0].radius_km',
    );
  const patrol = {
    ...base,
    kind: 'patrol',
    km: 150,
    geometry: {
      type: 'LineString',
      coordinates: [
        [44, 35],
        [44.1, 35],
      ],
    },
  } as CoverageItem;
  assert.throws(
    () => checkCoverageItem(patrol, 'p'),
    (e: SeamError) => e.issues[0].field === 'p.buffer_km',
  );
  assert.throws(
    () =>
      checkCoverageItem(
        { ...cp(5), geometry: { type: 'LineString', coordinates: [] } } as unknown as CoverageItem,
        'c',
      ),
    /must be a Point/,
  );
  assert.throws(
    () => checkCoverageItem({ ...cp(5), geometry: { type: 'Point', coordinates: [44, 95] } }, 'c'),
    /lon\/lat/,
  );
});
