// The gap analysis on a zone about 1,000 km × 40 km (a bent line buffered 20 km each side) with 300 checkpoints
// (5 km), 100 patrol routes (20 km, 2 km buffer) and 5,000 incidents, all seeded. Figures:
//  - gap_analysis_full: the whole analysis (gaps, runs and stretch, corridors, Gi*, 5 recommendations) on a prepared
//    zone, as a series over many windows runs it; p50 of GAPS_RUNS runs (goal ≤ 250 ms);
//  - gap_analysis_cold: the same including the zone's preparation (projection, edges, H3 study area);
//  - gap_uncovered_area_time: our uncovered area alone (footprints, zone less footprints, area) against PostGIS
//    computing it on the local PostgreSQL (ST_Buffer on geography, ST_Union, ST_Difference, ST_Area on geography);
//  - gap_uncovered_area_agreement: the two areas (goal: within 0.1%).
// PostGIS: PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432, postgres, test); when it cannot be reached the
// comparison is skipped with a JSON line saying why.
import pg from 'pg';
import { createRandom } from '../src/demo/random.ts';
import type { LineString, Position } from '../src/domain/geojson.ts';
import { bufferKm } from '../src/geo/buffer.ts';
import type { CoverageSource } from '../src/geo/coverage.ts';
import { planarCoverage } from '../src/geo/coverage.ts';
import { circleVertices, equalAreaRadiusFactor } from '../src/geo/coverage-footprint.ts';
import { type GapIncident, type GapReportInput, gapReport } from '../src/geo/gap-report.ts';
import { prepareGapZone } from '../src/geo/gap-zone.ts';
import { lineLocator } from '../src/geo/line-side.ts';
import { prepareZone } from '../src/geo/zone-frame.ts';
import { emit, median } from './harness.ts';

const runs = Math.max(7, Number(process.env.GAPS_RUNS ?? 9));
const coldRuns = Math.max(3, Number(process.env.GAPS_COLD_RUNS ?? 3));
const postgisRuns = Math.max(3, Number(process.env.GAPS_POSTGIS_RUNS ?? 3));
const window = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };

function scenario(seed: number): GapReportInput {
  const r = createRandom(seed);
  const coords: Position[] = [[40, 33]];
  let heading = 0.3;
  for (let i = 0; i < 25; i++) {
    heading += r.range(-0.35, 0.35);
    const [lon, lat] = coords[coords.length - 1];
    coords.push([
      lon + (40 * Math.cos(heading)) / (111.2 * Math.cos((lat * Math.PI) / 180)),
      lat + (40 * Math.sin(heading)) / 111.2,
    ]);
  }
  const line: LineString = { type: 'LineString', coordinates: coords };
  const loc = lineLocator(line);
  const always = { activeFrom: '2026-01-01T00:00:00.000Z', activeTo: null };
  const presence: CoverageSource[] = [];
  for (let i = 0; i < 300; i++)
    presence.push({
      id: `cp-${String(i).padStart(3, '0')}`,
      org: i % 2 ? 'isf' : 'peshmerga',
      name: `checkpoint ${i}`,
      kind: 'checkpoint',
      geometry: { type: 'Point', coordinates: loc.pointAt(r.range(0, loc.lengthKm), r.range(-19, 19)) },
      km: 5,
      ...always,
    });
  for (let i = 0; i < 100; i++) {
    const c = r.range(0, loc.lengthKm - 20);
    const off = r.range(-17, 17);
    presence.push({
      id: `patrol-${String(i).padStart(3, '0')}`,
      org: i % 2 ? 'isf' : 'peshmerga',
      name: `patrol ${i}`,
      kind: 'patrol',
      geometry: {
        type: 'LineString',
        coordinates: Array.from({ length: 6 }, (_, k) => loc.pointAt(c + k * 4, off + r.range(-1.5, 1.5))),
      },
      km: 2,
      ...always,
    });
  }
  const clusters = Array.from({ length: 12 }, () => ({ c: r.range(0, loc.lengthKm), o: r.range(-15, 15) }));
  const incidents: GapIncident[] = Array.from({ length: 5000 }, (_, i) => {
    const cl = r.chance(0.4) ? r.pick(clusters) : null;
    const [lon, lat] = cl
      ? loc.pointAt(cl.c + r.normal(0, 2), cl.o + r.normal(0, 2))
      : loc.pointAt(r.range(0, loc.lengthKm), r.range(-20, 20));
    return { id: `inc-${String(i).padStart(5, '0')}`, lon, lat, weight: 1, time: '2026-02-15T00:00:00.000Z' };
  });
  return {
    line,
    zone: bufferKm(line, 20),
    presence,
    window,
    incidents,
    options: { recommendations: { count: 5, radiusKm: 5 } },
  };
}

function timeMs<T>(fn: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

const input = scenario(20261123);
const zone = input.zone!;

// Warm the JIT, then time the analysis on a prepared zone.
const prepared = prepareGapZone(input);
prepared.study(8, 1);
for (let i = 0; i < 2; i++) gapReport(input, prepared);
const full: number[] = [];
let report = gapReport(input, prepared);
for (let i = 0; i < runs; i++) {
  const [ms, r] = timeMs(() => gapReport(input, prepared));
  full.push(ms);
  report = r;
}
const cold = Array.from({ length: coldRuns }, () => timeMs(() => gapReport(input))[0]);
const area = Array.from(
  { length: runs },
  () => timeMs(() => planarCoverage(prepareZone(zone), input.presence, window))[0],
);
const ours = report.uncovered_km2;
const shape = {
  zone_km2: report.zone_km2,
  line_km: report.line_km,
  checkpoints: 300,
  patrols: 100,
  incidents: 5000,
  gaps: report.gaps.features.length,
  corridors: report.corridors.length,
  hot_cells: report.hotspots?.hot_cells,
  hot_regions: report.hotspots?.regions.length,
  study_cells: report.hotspots?.study_cells,
};

interface PostgisResult {
  ms: number;
  km2: number;
  plainKm2: number;
  zoneKm2: number;
  version: string;
}

async function postgis(): Promise<PostgisResult | { skipped: string }> {
  const client = new pg.Client({
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    database: process.env.PGDATABASE ?? 'test',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
  } catch (e) {
    return { skipped: `cannot connect to PostgreSQL: ${(e as Error).message}` };
  }
  try {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    } catch (e) {
      return { skipped: `PostGIS is not available: ${(e as Error).message}` };
    }
    const version = (await client.query('SELECT postgis_full_version() AS v')).rows[0].v as string;
    await client.query('CREATE TEMP TABLE bench_zone (geom geometry(Geometry, 4326))');
    await client.query('CREATE TEMP TABLE bench_presence (id text, geog geography, metres float8)');
    await client.query('INSERT INTO bench_zone VALUES (ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))', [
      JSON.stringify(zone),
    ]);
    for (const p of input.presence)
      await client.query(
        'INSERT INTO bench_presence VALUES ($1, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography, $3)',
        [p.id, JSON.stringify(p.geometry), p.km * 1000],
      );
    // The same discretisation as ours: 64-vertex circles with the radius that keeps a circle's area (points only;
    // patrol buffers are straight sides with round caps in both), 16 segments a quarter circle.
    const factor = equalAreaRadiusFactor(circleVertices);
    const sql = (scaled: boolean) => `
      WITH covered AS (
        SELECT ST_Union(ST_Buffer(geog, metres * CASE WHEN ${scaled} AND GeometryType(geog::geometry) = 'POINT' THEN ${factor} ELSE 1 END,
                                  'quad_segs=16')::geometry) AS g
        FROM bench_presence
      )
      SELECT ST_Area(ST_Difference(z.geom, c.g)::geography) / 1e6 AS km2 FROM bench_zone z, covered c`;
    await client.query(sql(true));
    const times: number[] = [];
    let km2 = 0;
    for (let i = 0; i < postgisRuns; i++) {
      const t0 = process.hrtime.bigint();
      km2 = Number((await client.query(sql(true))).rows[0].km2);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const plainKm2 = Number((await client.query(sql(false))).rows[0].km2);
    const zoneKm2 = Number(
      (await client.query('SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM bench_zone')).rows[0].km2,
    );
    const v = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(version)?.[1] ?? '?';
    return { ms: median(times), km2, plainKm2, zoneKm2, version: `PostGIS ${v('POSTGIS')}, GEOS ${v('GEOS')}` };
  } finally {
    await client.end();
  }
}

const pgResult = await postgis();
// The baseline is PostGIS computing the uncovered area; without PostgreSQL, our own uncovered-area
// step of the same run, so every timing still has a same-run baseline (named in baseline_of).
const baseline = 'ms' in pgResult ? pgResult.ms : median(area);
const baselineOf = 'ms' in pgResult ? 'PostGIS uncovered area' : 'Seam uncovered area alone (PostGIS unreachable)';
const round = (x: number, d = 1) => Number(x.toFixed(d));
emit({
  bench: 'gap_analysis_full',
  value: round(median(full)),
  unit: 'ms',
  baseline: round(baseline),
  ratio: round(median(full) / baseline, 3),
  baseline_of: baselineOf,
  goal_ms: 250,
  runs,
  note: 'p50 on a prepared zone (reused by a series over windows)',
  ...shape,
});
emit({
  bench: 'gap_analysis_cold',
  value: round(median(cold)),
  unit: 'ms',
  baseline: round(baseline),
  ratio: round(median(cold) / baseline, 3),
  baseline_of: baselineOf,
  runs: coldRuns,
  note: 'p50 including the zone preparation (projection, edges, H3 study area: polygonToCells and k-ring sizes)',
});
if ('skipped' in pgResult) {
  emit({
    bench: 'gap_postgis_comparison',
    value: null,
    unit: 'ms',
    baseline: null,
    ratio: null,
    skipped: pgResult.skipped,
  });
} else {
  emit({
    bench: 'gap_uncovered_area_time',
    value: round(median(area)),
    unit: 'ms',
    baseline: round(pgResult.ms),
    ratio: round(median(area) / pgResult.ms, 3),
    goal_ratio: 0.5,
    runs,
    postgis_runs: postgisRuns,
    postgis: pgResult.version,
    note: 'ours: project, footprints, zone less footprints in one pass over the outlines (jsts where outlines touch), area; PostGIS: ST_Buffer(geography) quad_segs=16, ST_Union, ST_Difference, ST_Area(geography)',
  });
  emit({
    bench: 'gap_uncovered_area_agreement',
    value: round(ours, 3),
    unit: 'km2',
    baseline: round(pgResult.km2, 3),
    ratio: round(ours / pgResult.km2, 6),
    relative_difference: round(Math.abs(ours - pgResult.km2) / pgResult.km2, 6),
    goal_relative_difference: 0.001,
    postgis_plain_radius_km2: round(pgResult.plainKm2, 3),
    zone_km2: report.zone_km2,
    postgis_zone_km2: round(pgResult.zoneKm2, 3),
    note: 'PostGIS given the same 64-vertex area-keeping circles; postgis_plain_radius_km2: its circles inscribed in the true radius',
  });
}
