// Fixture tests of the whole gap analysis: each test/fixtures/gaps/<case>/in.geojson (one FeatureCollection, see
// `gapInputFromGeoJson`) must give exactly test/fixtures/gaps/<case>/out.json, and each case also checks its known
// answer. After a deliberate change of method, regenerate the expected outputs with
//   SEAM_REGENERATE=1 node --test src/geo/gap-fixtures.test.ts
// and review the diff before keeping it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gapInputFromGeoJson } from './gap-geojson.ts';
import { type GapReport, gapReport } from './gap-report.ts';
import { authalicRadiusM } from './projection.ts';

const root = join(import.meta.dirname, '../../test/fixtures/gaps');
const regenerate = process.env.SEAM_REGENERATE === '1';
const R = authalicRadiusM / 1000;
const rad = Math.PI / 180;
const capKm2 = (r: number) => 2 * Math.PI * R * R * (1 - Math.cos(r / R));
const within = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (±${tolerance})`);

/** The known answer of each case, checked on top of the recorded output. */
const known: Record<string, (r: GapReport) => void> = {
  'square-circles': (r) => {
    // A 1°×1° cell (35–36° N) less three disjoint discs of 5, 8 and 10 km: analytic within 0.2%.
    const cell = R * R * rad * (Math.sin(36 * rad) - Math.sin(35 * rad));
    const discs = capKm2(5) + capKm2(8) + capKm2(10);
    within(r.zone_km2, cell, 1e-4 * cell, 'zone');
    within(r.covered_km2, discs, 0.002 * discs, 'covered');
    within(r.uncovered_km2, cell - discs, 0.002 * (cell - discs), 'uncovered');
  },
  corridor: (r) => {
    // 6.5 km discs every 12 km close a 5 km zone, except one pair 16 km apart: one corridor 3 km wide at 44 km.
    assert.equal(r.corridors.length, 1);
    const [c] = r.corridors;
    within(c.narrowest_width_km ?? Number.NaN, 3, 2 * c.width_resolution_km, 'width');
    within(c.chainage_km, 44, 0.5, 'chainage');
    assert.equal(r.uncovered_runs.length, 1);
    within(r.longest_uncovered_stretch_km, 3, 0.02, 'stretch');
    within(r.uncovered_runs[0].start_km, 42.5, 0.01, 'run start');
    assert.equal(r.ignored.incidents_outside_zone, 1);
    assert.equal(r.incidents_in_gaps.length, 5);
    assert.deepEqual(r.recommendations?.sites[0].corridors, ['corridor-1']);
  },
  'bowtie-zone-corridors': (r) => {
    // A self-crossing zone repaired into two triangles meeting at a point, nothing present: each triangle is one
    // corridor as wide as the triangle is along the line (not bounded by the other one's far end), and the line is
    // uncovered from its very start to its very end.
    assert.equal(r.repaired.length, 1);
    assert.equal(r.gaps.features.length, 2);
    assert.equal(r.corridors.length, 2);
    for (const c of r.corridors) {
      const gap = r.gaps.features.find((g) => g.id === c.gap_id);
      assert.ok(gap);
      const lons = gap.geometry.coordinates[0].map((p) => p[0]);
      const alongKm = (Math.max(...lons) - Math.min(...lons)) * rad * R * Math.cos(35.5 * rad);
      assert.equal(c.area_km2, c.gap_area_km2);
      assert.ok(c.narrowest_width_km !== null && c.narrowest_width_km <= alongKm + 2 * c.width_resolution_km);
      within(c.narrowest_width_km, alongKm, 3 * c.width_resolution_km, `${c.id} width`);
    }
    assert.equal(r.uncovered_runs.length, 2);
    assert.equal(r.uncovered_runs[0].start_km, 0);
    assert.equal(r.uncovered_runs[1].end_km, r.line_km);
  },
  'no-gap': (r) => {
    assert.equal(r.uncovered_km2, 0);
    assert.deepEqual([r.uncovered_runs, r.corridors, r.gaps.features, r.incidents_in_gaps], [[], [], [], []]);
    assert.equal(r.longest_uncovered_stretch, null);
  },
  stretch: (r) => {
    // 5 km discs on a bent line at 0, 18, 30, 65, 110 km and its end: the runs between them, two across bends.
    const expected = [
      [5, 13],
      [23, 25],
      [35, 60],
      [70, 105],
      [115, r.line_km - 5],
    ];
    assert.equal(r.uncovered_runs.length, expected.length);
    r.uncovered_runs.forEach((run, i) => {
      within(run.start_km, expected[i][0], 0.01, `run ${i} start`);
      within(run.end_km, expected[i][1], 0.01, `run ${i} end`);
    });
    within(r.longest_uncovered_stretch_km, 35, 0.02, 'longest');
    within(
      r.per_aor.reduce((s, a) => s + a.zone_km2, 0),
      r.zone_km2,
      0.01,
      'AORs cover the zone',
    );
  },
};

const cases = readdirSync(root)
  .filter((d) => existsSync(join(root, d, 'in.geojson')))
  .sort();

test('every fixture case has a known answer', () => {
  assert.deepEqual(cases, Object.keys(known).sort());
});

for (const name of cases) {
  test(`fixture ${name}`, () => {
    const input = gapInputFromGeoJson(JSON.parse(readFileSync(join(root, name, 'in.geojson'), 'utf8')));
    const report = gapReport(input);
    const out = join(root, name, 'out.json');
    if (regenerate) writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`);
    assert.ok(existsSync(out), `${out} is missing: run with SEAM_REGENERATE=1 and review it`);
    assert.deepEqual(report, JSON.parse(readFileSync(out, 'utf8')));
    known[name](report);
  });
}
