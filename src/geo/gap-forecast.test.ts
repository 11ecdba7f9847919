import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LineString, Position } from '../domain/geojson.ts';
import type { CoverageSource } from './coverage.ts';
import { compareGapForecast } from './gap-forecast.ts';
import { type GapReportInput, gapReport } from './gap-report.ts';

// A 10 km zone either side of a 100 km line; checkpoints leave three crossings open.
const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [45.1, 35],
  ],
};
const window = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };
const cp = (id: string, at: Position, km = 12): CoverageSource => ({
  id,
  org: 'isf',
  name: id,
  kind: 'checkpoint',
  geometry: { type: 'Point', coordinates: at },
  km,
  activeFrom: '2026-01-01T00:00:00.000Z',
  activeTo: null,
});
const standingPresence = [cp('west', [44.15, 35]), cp('middle', [44.55, 35]), cp('east', [44.95, 35])];
const input = (presence: CoverageSource[]): GapReportInput => ({
  line,
  zoneKm: 10,
  presence,
  window,
  options: { hotspots: false, recommendations: false },
});

test('a planned patrol across one corridor closes it and leaves the others open', () => {
  const standing = gapReport(input(standingPresence));
  assert.equal(standing.corridors.length, 4, 'four open crossings: both ends and two between the checkpoints');
  // A patrol on the crossing between west and middle, in the window.
  const planned: CoverageSource = {
    id: 'planned',
    org: 'peshmerga',
    name: 'planned patrol',
    kind: 'patrol',
    geometry: {
      type: 'LineString',
      coordinates: [
        [44.35, 34.85],
        [44.35, 35.15],
      ],
    },
    km: 9,
    activeFrom: '2026-03-02T00:00:00.000Z',
    activeTo: '2026-03-03T00:00:00.000Z',
  };
  const forecast = compareGapForecast(standing, gapReport(input([...standingPresence, planned])));
  assert.equal(forecast.standing.corridors, 4);
  assert.equal(forecast.planned.corridors, 3);
  assert.ok(forecast.closes_km2 > 0 && forecast.closes_km2 < forecast.standing.uncovered_km2);
  assert.ok(Math.abs(forecast.closes_share - forecast.closes_km2 / forecast.standing.uncovered_km2) < 1e-3);
  const closed = forecast.corridors.filter((c) => !c.stays_open);
  assert.equal(closed.length, 1, 'exactly one corridor closes');
  assert.ok(closed[0].narrowest_at[0] > 44.15 && closed[0].narrowest_at[0] < 44.55, 'the one the patrol crosses');
  assert.ok(forecast.corridors.filter((c) => c.stays_open).every((c) => c.planned_corridors.length === 1));
});

test('with nothing planned the forecast is the standing gap, every corridor open', () => {
  const standing = gapReport(input(standingPresence));
  const forecast = compareGapForecast(standing, gapReport(input(standingPresence)));
  assert.equal(forecast.closes_km2, 0);
  assert.equal(forecast.closes_share, 0);
  assert.ok(forecast.corridors.every((c) => c.stays_open));
  assert.deepEqual(forecast.planned, forecast.standing);
});

test('two analyses of different windows are not compared', () => {
  const a = gapReport(input(standingPresence));
  const b = gapReport({ ...input(standingPresence), window: { from: window.from, to: '2026-03-09T00:00:00.000Z' } });
  assert.throws(() => compareGapForecast(a, b), /same window/);
});
