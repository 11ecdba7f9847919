import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../domain/geojson.ts';
import { distanceKm, lineLengthKm } from './distance.ts';

/** Vincenty's inverse formula on the WGS84 ellipsoid, an independent reference (km). */
function vincentyKm(p1: Position, p2: Position): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const rad = Math.PI / 180;
  const L = (p2[0] - p1[0]) * rad;
  const U1 = Math.atan((1 - f) * Math.tan(p1[1] * rad));
  const U2 = Math.atan((1 - f) * Math.tan(p2[1] * rad));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cos2Alpha = 0;
  let cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda =
      L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - prev) < 1e-12) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
          (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
  return (b * A * (sigma - dSigma)) / 1000;
}

const kirkuk: Position = [44.39, 35.47];
const erbil: Position = [44.01, 36.19];

test('zero distance from a point to itself', () => {
  assert.equal(distanceKm(kirkuk, kirkuk), 0);
});

test('one degree of longitude on the equator is 2πR/360', () => {
  assert.ok(Math.abs(distanceKm([0, 0], [1, 0]) - (2 * Math.PI * 6371.0088) / 360) < 1e-9);
});

test('Kirkuk to Erbil (city centres) is about 87 km and within 0.5% of Vincenty on WGS84', () => {
  const d = distanceKm(kirkuk, erbil);
  const v = vincentyKm(kirkuk, erbil);
  assert.ok(d > 85 && d < 89, `haversine ${d}`);
  assert.ok(Math.abs(d - v) / v < 0.005, `haversine ${d} vs vincenty ${v}`);
});

test('the Vincenty reference reproduces the published Flinders Peak to Buninyong geodesic (54 972.271 m)', () => {
  const dms = (d: number, m: number, s: number) => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);
  const flinders: Position = [dms(144, 25, 29.5244), dms(-37, 57, 3.7203)];
  const buninyong: Position = [dms(143, 55, 35.3839), dms(-37, 39, 10.1561)];
  assert.ok(Math.abs(vincentyKm(flinders, buninyong) - 54.972271) < 1e-5);
});

test('haversine stays within 0.5% of Vincenty over regional distances', () => {
  const places: Position[] = [kirkuk, erbil, [45.38, 34.35], [41.86, 36.32], [43.59, 35.78], [44.36, 33.31]];
  for (const a of places) {
    for (const b of places) {
      if (a === b) continue;
      const v = vincentyKm(a, b);
      assert.ok(Math.abs(distanceKm(a, b) - v) / v < 0.005);
    }
  }
});

test('a line length is the sum of its segments', () => {
  const mid: Position = [44.2, 35.8];
  const len = lineLengthKm({ type: 'LineString', coordinates: [kirkuk, mid, erbil] });
  assert.ok(Math.abs(len - (distanceKm(kirkuk, mid) + distanceKm(mid, erbil))) < 1e-9);
  assert.equal(lineLengthKm({ type: 'LineString', coordinates: [kirkuk] }), 0);
});
