import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../demo/random.ts';
import { buildDemoScenario } from '../demo/scenario.ts';
import type { SeamError } from '../domain/errors.ts';
import type { LineString, Polygon, Position } from '../domain/geojson.ts';
import { bufferKm } from './buffer.ts';
import type { CoverageSource } from './coverage.ts';
import { type GapIncident, type GapReportInput, gapReport } from './gap-report.ts';
import { prepareGapZone } from './gap-zone.ts';
import { lineLocator } from './line-side.ts';
import { buildPresenceIndex } from './presence-index.ts';
import { prepareZone } from './zone-frame.ts';

const line: LineString = {
  type: 'LineString',
  coordinates: [
    [44, 35],
    [44.5, 35.05],
    [45, 35],
  ],
};
const window = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };
const always = { activeFrom: '2026-01-01T00:00:00.000Z', activeTo: null };
const cp = (id: string, at: Position, km = 5, org = 'isf'): CoverageSource => ({
  id,
  org,
  name: id,
  kind: 'checkpoint',
  geometry: { type: 'Point', coordinates: at },
  km,
  ...always,
});
const base = (extra: Partial<GapReportInput> = {}): GapReportInput => ({
  line,
  zoneKm: 10,
  presence: [cp('a', [44.2, 35.02]), cp('b', [44.6, 35.04], 8, 'peshmerga')],
  window,
  incidents: [],
  ...extra,
});
const field = (f: string) => (e: SeamError) => e.code === 'validation' && e.issues[0].field === f;

test('bad input is refused with the field and the reason', () => {
  assert.throws(() => gapReport(base({ line: { type: 'LineString', coordinates: [[44, 35]] } })), field('line'));
  assert.throws(() => gapReport(base({ zoneKm: 0 })), field('zoneKm'));
  assert.throws(() => gapReport(base({ zoneKm: 150 })), field('zoneKm'));
  assert.throws(() => gapReport(base({ presence: [cp('x', [44.2, 35], 0)] })), field('presence[0].radius_km'));
  assert.throws(() => gapReport(base({ presence: [cp('x', [44.2, 35], 101)] })), field('presence[0].radius_km'));
  const wide: CoverageSource = {
    ...cp('p', [44, 35]),
    kind: 'patrol',
    km: 500,
    geometry: {
      type: 'LineString',
      coordinates: [
        [44, 35],
        [44.1, 35],
      ],
    },
  };
  assert.throws(() => gapReport(base({ presence: [wide] })), field('presence[0].buffer_km'));
  assert.throws(() => gapReport(base({ incidents: [{ id: 'i', lon: 200, lat: 35 }] })), field('incidents[0].lon'));
  assert.throws(
    () => gapReport(base({ incidents: [{ id: 'i', lon: 44, lat: 35, weight: -1 }] })),
    field('incidents[0].weight'),
  );
  assert.throws(() => gapReport(base({ window: { from: window.to, to: window.from } })), field('window.to'));
  assert.throws(
    () => gapReport(base({ options: { hotspots: { resolution: 16 } } })),
    field('options.hotspots.resolution'),
  );
  assert.throws(
    () => gapReport(base({ options: { recommendations: { radiusKm: 0 } } })),
    field('options.recommendations.radiusKm'),
  );
});

test('self-intersecting polygons are repaired and listed with the reason', () => {
  const bowtie: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [43.9, 34.8],
        [45.1, 35.3],
        [45.1, 34.8],
        [43.9, 35.3],
        [43.9, 34.8],
      ],
    ],
  };
  const sector: CoverageSource = {
    ...cp('s', [44, 35]),
    kind: 'unit_aor',
    km: 0,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [44.3, 34.95],
          [44.4, 35.1],
          [44.4, 34.95],
          [44.3, 35.1],
          [44.3, 34.95],
        ],
      ],
    },
  };
  const r = gapReport(base({ zone: bowtie, zoneKm: null, presence: [sector], options: { hotspots: false } }));
  assert.deepEqual(
    r.repaired.map((x) => x.field),
    ['zone', 'presence s'],
  );
  assert.match(r.repaired[0].problem, /crosses itself/);
  assert.ok(r.zone_km2 > 0 && r.covered_km2 > 0);
});

test('no presence at all: the whole zone is a gap and the whole line an uncovered stretch', () => {
  const r = gapReport(base({ presence: [], options: { hotspots: false, recommendations: false } }));
  assert.equal(r.uncovered_share, 1);
  assert.equal(r.uncovered_km2, r.zone_km2);
  assert.equal(r.longest_uncovered_stretch_km, r.line_km);
  assert.equal(r.gaps.features.length, 1);
  assert.equal(r.corridors.length, 1);
});

test('presence and incidents outside the zone are ignored and counted', () => {
  const r = gapReport(
    base({
      presence: [cp('a', [44.2, 35.02]), cp('far', [46, 36])],
      incidents: [
        { id: 'in-gap', lon: 44.8, lat: 35.0 },
        { id: 'covered', lon: 44.2, lat: 35.02 },
        { id: 'outside', lon: 44.5, lat: 36 },
      ],
    }),
  );
  assert.equal(r.ignored.presence_outside_zone, 1);
  assert.equal(r.ignored.incidents_outside_zone, 1);
  assert.deepEqual(
    r.incidents_in_gaps.map((i) => i.id),
    ['in-gap'],
  );
  assert.deepEqual(r.inputs, {
    presence: 2,
    presence_used: 1,
    incidents: 3,
    incidents_in_zone: 2,
    incidents_in_gaps: 1,
  });
});

/** A seeded random scenario along a bent 200 km line. */
function randomScenario(seed: number): GapReportInput {
  const r = createRandom(seed);
  const coords: Position[] = [[44, 35]];
  for (let i = 0; i < 4; i++) {
    const [lon, lat] = coords[coords.length - 1];
    coords.push([lon + r.range(0.4, 0.6), lat + r.range(-0.25, 0.25)]);
  }
  const l: LineString = { type: 'LineString', coordinates: coords };
  const loc = lineLocator(l);
  const presence: CoverageSource[] = [];
  const active = (): Pick<CoverageSource, 'activeFrom' | 'activeTo'> =>
    r.chance(0.85) ? always : { activeFrom: '2026-01-01T00:00:00.000Z', activeTo: '2026-02-01T00:00:00.000Z' };
  for (let i = 0; i < 45; i++)
    presence.push({
      ...cp(
        `cp-${i}`,
        loc.pointAt(r.range(0, loc.lengthKm), r.range(-17, 17)),
        r.range(2, 8),
        r.pick(['isf', 'peshmerga']),
      ),
      ...active(),
    });
  for (let i = 0; i < 12; i++) {
    const c = r.range(0, loc.lengthKm - 25);
    const off = r.range(-14, 14);
    const route = Array.from({ length: 5 }, (_, k) => loc.pointAt(c + k * 5, off + r.range(-2, 2)));
    presence.push({
      ...cp(`patrol-${i}`, [0, 0]),
      kind: 'patrol',
      geometry: { type: 'LineString', coordinates: route },
      km: r.range(1, 3),
      ...active(),
    });
  }
  for (let i = 0; i < 3; i++) {
    const c = r.range(10, loc.lengthKm - 20);
    const ring = [loc.pointAt(c, 2), loc.pointAt(c + 12, 3), loc.pointAt(c + 12, 9), loc.pointAt(c, 8)];
    presence.push({
      ...cp(`aor-${i}`, [0, 0]),
      kind: 'unit_aor',
      km: 0,
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
    });
  }
  return {
    line: l,
    zoneKm: 15,
    presence,
    window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
    options: { hotspots: false, recommendations: false },
  };
}

test('a dense-sampling reference (150 m grid, true circles and buffers) agrees within 0.5% on uncovered area', () => {
  for (const seed of [11, 12]) {
    const input = randomScenario(seed);
    const report = gapReport(input);
    // Sample the equal-area plane on a 150 m grid: each sample stands for exactly 0.0225 km².
    const frame = prepareZone(bufferKm(input.line, 15));
    const index = buildPresenceIndex(input.presence);
    const step = 150;
    let inZone = 0;
    let uncovered = 0;
    for (let x = frame.box[0] + step / 2; x < frame.box[2]; x += step)
      for (let y = frame.box[1] + step / 2; y < frame.box[3]; y += step) {
        if (!frame.contains([x, y])) continue;
        inZone++;
        const [lon, lat] = frame.projection.inverse([x, y]);
        if (!index.covered(lon, lat, input.window.from)) uncovered++;
      }
    const cell = (step / 1000) ** 2;
    assert.ok(
      Math.abs(inZone * cell - report.zone_km2) < 0.002 * report.zone_km2,
      `zone ${inZone * cell} vs ${report.zone_km2}`,
    );
    const reference = uncovered * cell;
    assert.ok(report.uncovered_share > 0.2 && report.uncovered_share < 0.9, `${report.uncovered_share}`);
    assert.ok(
      Math.abs(report.uncovered_km2 - reference) < 0.005 * reference,
      `seed ${seed}: ${report.uncovered_km2} vs ${reference}`,
    );
  }
});

test('the same input gives the same output, whatever the order of presence and incidents', () => {
  const input = randomScenario(5);
  const r = createRandom(99);
  const loc = lineLocator(input.line);
  const incidents: GapIncident[] = Array.from({ length: 400 }, (_, i) => {
    const [lon, lat] = loc.pointAt(r.range(0, loc.lengthKm), r.range(-16, 16));
    return { id: `inc-${i}`, lon, lat, weight: r.int(1, 3), time: '2026-02-20T00:00:00.000Z' };
  });
  const options = { hotspots: { resolution: 7 }, recommendations: { count: 3 } };
  const a = gapReport({ ...input, incidents, options });
  const b = gapReport({ ...input, incidents, options });
  assert.deepEqual(b, a);
  const shuffled = gapReport({
    ...input,
    presence: [...input.presence].reverse(),
    incidents: [...incidents].reverse(),
    options,
  });
  assert.equal(JSON.stringify(shuffled), JSON.stringify(a));
  assert.equal(a.recommendations?.sites.length, 3);
});

test('a prepared zone gives the same report, and is refused for another zone', () => {
  const input = base({ incidents: [{ id: 'i', lon: 44.8, lat: 35 }] });
  const prepared = prepareGapZone(input);
  assert.deepEqual(gapReport(input, prepared), gapReport(input));
  assert.throws(() => gapReport({ ...input, zoneKm: 12 }, prepared), /another line or zone/);
});

test('the demo scenario: corridors where the exercise leaves both forces absent, per-AOR areas adding up', () => {
  const s = buildDemoScenario({ seed: 1, asOf: '2026-06-01T00:00:00.000Z' });
  const presence: CoverageSource[] = s.presence.map((p) => ({
    id: p.id,
    org: p.org,
    name: p.name,
    kind: p.kind,
    geometry: p.geometry,
    km: p.kind === 'checkpoint' ? p.radiusKm : p.kind === 'patrol' ? p.bufferKm : 0,
    activeFrom: p.activeFrom,
    activeTo: p.activeTo,
    schedule: p.kind === 'patrol' ? p.schedule : null,
  }));
  const r = gapReport({
    line: s.line.line,
    zone: s.line.zone,
    presence,
    window: { from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' },
    incidents: s.incidents.map((i) => ({ id: i.id, lon: i.lon, lat: i.lat, time: i.time, type: i.type })),
    aors: s.jccs.map((j) => ({ code: j.code, aor: j.aor })),
  });
  const chainages = r.corridors.map((c) => c.chainage_km);
  for (const [from, to] of [
    [118, 140],
    [264, 280],
  ])
    assert.ok(
      chainages.some((c) => c > from - 3 && c < to + 3),
      `a corridor between ${from} and ${to} km: ${chainages}`,
    );
  const aorTotal = r.per_aor.reduce((sum, a) => sum + a.uncovered_km2, 0);
  assert.ok(Math.abs(aorTotal - r.uncovered_km2) < 0.001 * r.uncovered_km2, `${aorTotal} vs ${r.uncovered_km2}`);
  assert.ok(r.longest_uncovered_stretch_km > 10);
  assert.equal(
    r.uncovered_runs.reduce((m, x) => Math.max(m, x.length_km), 0),
    r.longest_uncovered_stretch_km,
  );
  assert.ok(r.incidents_in_gaps.length > 0);
  assert.equal(r.recommendations?.sites.length, 5);
  assert.ok(r.hotspots && r.hotspots.study_cells > 20_000);
});
