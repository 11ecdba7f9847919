import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, test } from 'node:test';
import { databaseFile } from '../src/store/store.ts';
import { assertExit } from './harness/cli-exit.ts';
import { runSeam } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

// biome-ignore lint/suspicious/noExplicitAny: fixture GeoJSON and report JSON are read untyped
type Json = any;

const fixturesDir = join(import.meta.dirname, 'fixtures', 'gaps');
const fixtureNames = ['square-circles', 'corridor', 'stretch', 'no-gap', 'bowtie-zone-corridors'];
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8'));
const fc = (features: Json[]) => ({ type: 'FeatureCollection', features });
const week = ['--from', '2026-03-01T00:00:00Z', '--to', '2026-03-08T00:00:00Z'];
const line = {
  type: 'LineString',
  coordinates: [
    [44, 35.5],
    [45, 35.5],
  ],
};

const files = tempDir({ after }, 'seam-gaps-cli-');
const write = (name: string, value: unknown): string => {
  const file = join(files, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

/** Splits a fixture's single collection (the API's form) into the CLI's files, and its `seam` member into options. */
function fixtureArgs(name: string): { args: string[]; expected: Json } {
  const input = readJson(join(fixturesDir, name, 'in.geojson'));
  const expected = readJson(join(fixturesDir, name, 'out.json'));
  const of = (...kinds: string[]) => input.features.filter((f: Json) => kinds.includes(f.properties.kind));
  const seam = input.seam;
  const args = ['gaps', '--line', write(`${name}-line.geojson`, fc(of('line')))];
  const zone = of('zone');
  // The zone as a lone Feature, the line as a collection: both forms are accepted.
  if (zone.length) args.push('--zone', write(`${name}-zone.geojson`, zone[0]));
  else args.push('--zone-km', String(seam.zone_km));
  args.push('--presence', write(`${name}-presence.geojson`, fc(of('checkpoint', 'patrol', 'aor', 'unit_aor'))));
  if (of('incident').length) args.push('--incidents', write(`${name}-incidents.geojson`, fc(of('incident'))));
  if (of('jcc').length) args.push('--aors', write(`${name}-aors.geojson`, fc(of('jcc'))));
  args.push('--from', seam.window.from, '--to', seam.window.to);
  const o = seam.options ?? {};
  if (o.orgs) args.push('--orgs', o.orgs.join(','));
  if (o.minShare !== undefined) args.push('--min-share', String(o.minShare));
  if (o.hotspots === false) args.push('--no-hotspots');
  else {
    if (o.hotspots?.resolution !== undefined) args.push('--hotspot-resolution', String(o.hotspots.resolution));
    if (o.hotspots?.k !== undefined) args.push('--hotspot-k', String(o.hotspots.k));
    if (o.hotspots?.q !== undefined) args.push('--hotspot-q', String(o.hotspots.q));
  }
  if (o.recommendations === false) args.push('--sites', '0');
  else {
    const r = o.recommendations ?? {};
    if (r.count !== undefined) args.push('--sites', String(r.count));
    if (r.radiusKm !== undefined) args.push('--site-radius-km', String(r.radiusKm));
    if (r.halfLifeDays != null) args.push('--half-life-days', String(r.halfLifeDays));
    if (r.preferCorridors) args.push('--prefer-corridors');
  }
  return { args: [...args, '--json'], expected };
}

test('files alone: every fixture, split into line, zone, presence and incident files, gives its known answer', async () => {
  const runs = fixtureNames.map((name) => ({ name, ...fixtureArgs(name) }));
  const results = await Promise.all(runs.map((r) => runSeam(r.args)));
  for (const [i, r] of results.entries()) {
    assertExit(r, 0);
    assert.deepEqual(JSON.parse(r.stdout), runs[i].expected, runs[i].name);
  }
});

test('files alone: a square zone with one circle leaves the analytic area uncovered; people get a report', async () => {
  const square = readJson(join(fixturesDir, 'square-circles', 'in.geojson')).features.find(
    (f: Json) => f.properties.kind === 'zone',
  ).geometry;
  const zone = write('square.geojson', square);
  const circle = write(
    'circle.geojson',
    fc([
      {
        type: 'Feature',
        properties: { kind: 'checkpoint', org: 'isf', radius_km: 10 },
        geometry: { type: 'Point', coordinates: [44.5, 35.5] },
      },
    ]),
  );
  const lineFile = write('line-bare.geojson', line);
  const args = ['gaps', '--line', lineFile, '--zone', zone, '--presence', circle, ...week];
  const [json, text] = await Promise.all([runSeam([...args, '--json']), runSeam(args)]);
  assertExit(json, 0);
  const g = JSON.parse(json.stdout);
  // 1° × 1° from 35° N on the sphere: R² Δλ (sin 36° − sin 35°).
  const rad = Math.PI / 180;
  const zoneKm2 = 6371.0088 ** 2 * rad * (Math.sin(36 * rad) - Math.sin(35 * rad));
  assert.ok(Math.abs(g.zone_km2 - zoneKm2) / zoneKm2 < 0.001, `zone ${g.zone_km2} vs ${zoneKm2}`);
  const uncovered = g.zone_km2 - Math.PI * 100;
  assert.ok(Math.abs(g.uncovered_km2 - uncovered) / (Math.PI * 100) < 0.001, `${g.uncovered_km2} vs ${uncovered}`);
  assert.equal(g.uncovered_runs.length, 2, 'the circle cuts the line in two uncovered runs');
  assert.ok(Math.abs(g.longest_uncovered_stretch_km - (g.line_km - 20) / 2) < 0.05);
  assert.equal(g.recommendations.sites.length, 0, 'no incidents, nothing to recommend');

  assertExit(text, 0);
  assert.match(text.stdout, /^uncovered +[\d,.]+ km² \(96\.9% of the zone\) in 1 gap$/m);
  assert.match(text.stdout, /^longest stretch +\d+\.\d\d km, km /m);
  assert.match(text.stdout, /^corridors +1$/m);
  assert.equal(text.stderr, '');
});

test('files alone: --zone-km, no presence, recommended sites with MGRS, the same input twice', async () => {
  const empty = write('empty.geojson', fc([]));
  const lineFile = write('line-feature.geojson', { type: 'Feature', properties: {}, geometry: line });
  const corridor = fixtureArgs('corridor').args;
  const people = corridor.filter((a) => a !== '--json');
  const [none, first, second, text] = await Promise.all([
    runSeam(['gaps', '--line', lineFile, '--zone-km', '5', '--presence', empty, ...week, '--json']),
    runSeam(corridor),
    runSeam(corridor),
    runSeam(people),
  ]);
  assertExit(none, 0);
  const g = JSON.parse(none.stdout);
  assert.equal(g.uncovered_share, 1);
  assert.equal(g.uncovered_km2, g.zone_km2);
  assert.equal(g.longest_uncovered_stretch_km, g.line_km);
  assert.equal(g.corridors.length, 1);

  assertExit(first, 0);
  assert.equal(first.stdout, second.stdout, 'deterministic');
  const report = JSON.parse(first.stdout);
  assert.equal(report.recommendations.sites.length, 2);
  assertExit(text, 0);
  assert.match(text.stdout, /Recommended joint checkpoints \(radius 3\.0 km\)/);
  const site = report.recommendations.sites[0];
  assert.match(text.stdout, new RegExp(`^1 +${site.lon.toFixed(5)}, ${site.lat.toFixed(5)} +38S[A-Z]{2}\\d{10} `, 'm'));
  assert.match(text.stdout, /^total gain /m);
});

test('files alone: bad input is refused, naming the file and the field (exit 1)', async () => {
  const lineFile = write('line-ok.geojson', line);
  const point = { type: 'Point', coordinates: [44.5, 35.5] };
  const cases: Array<[string, string[], RegExp]> = [
    [
      'absurd radius',
      [
        '--zone-km',
        '5',
        '--presence',
        write(
          'huge.geojson',
          fc([{ type: 'Feature', properties: { kind: 'checkpoint', org: 'isf', radius_km: 5000 }, geometry: point }]),
        ),
      ],
      /huge\.geojson: presence\[0\]\.radius_km: must be more than 0 and at most 100 km, got 5000$/,
    ],
    [
      'missing org',
      [
        '--zone-km',
        '5',
        '--presence',
        write(
          'orgless.geojson',
          fc([
            { type: 'Feature', properties: { kind: 'checkpoint', org: 'isf', radius_km: 5 }, geometry: point },
            { type: 'Feature', properties: { kind: 'checkpoint', radius_km: 5 }, geometry: point },
          ]),
        ),
      ],
      /orgless\.geojson: presence\[1\]\.org: is required$/,
    ],
    [
      'not JSON',
      ['--zone-km', '5', '--presence', write('broken.geojson', '{"type": "FeatureCollection", ')],
      /broken\.geojson: is not JSON/,
    ],
    [
      'no such file',
      ['--zone-km', '5', '--presence', join(files, 'absent.geojson')],
      /absent\.geojson: cannot be read \(no such file\)$/,
    ],
    [
      'a line where the zone should be',
      ['--zone', lineFile, '--presence', write('empty2.geojson', fc([]))],
      /line-ok\.geojson: is a LineString; a zone file holds one Polygon or MultiPolygon$/,
    ],
    [
      'an incident that is not a point',
      [
        '--zone-km',
        '5',
        '--presence',
        write('empty3.geojson', fc([])),
        '--incidents',
        write('lines.geojson', fc([{ type: 'Feature', properties: {}, geometry: line }])),
      ],
      /lines\.geojson: incidents\[0\]\.geometry: an incident must be a Point$/,
    ],
    [
      'a zone without area',
      [
        '--zone',
        write('flat.geojson', {
          type: 'Polygon',
          coordinates: [
            [
              [44, 35],
              [45, 35],
              [44, 35],
            ],
          ],
        }),
        '--presence',
        write('empty4.geojson', fc([])),
      ],
      /flat\.geojson: zone: /,
    ],
  ];
  const results = await Promise.all(cases.map(([, args]) => runSeam(['gaps', '--line', lineFile, ...args, ...week])));
  for (const [i, r] of results.entries()) {
    assert.equal(r.stdout, '', cases[i][0]);
    assertExit(r, 1, cases[i][2]);
  }

  // A self-intersecting zone that can be repaired is analysed, and the repair named.
  const bowtie = write('bowtie.geojson', {
    type: 'Polygon',
    coordinates: [
      [
        [44, 35],
        [45, 36],
        [45, 35],
        [44, 36],
        [44, 35],
      ],
    ],
  });
  const repaired = await runSeam(
    ['gaps', '--line', lineFile, '--zone', bowtie, '--presence', write('empty5.geojson', fc([])), ...week],
    {},
  );
  assertExit(repaired, 0);
  assert.match(repaired.stdout, /^repaired +zone: .*crosses itself/m);
});

test('usage mistakes exit 2 naming the option', async () => {
  const lineFile = write('line-usage.geojson', line);
  const empty = write('empty-usage.geojson', fc([]));
  const base = ['gaps', '--line', lineFile, '--presence', empty];
  const cases: Array<[string[], RegExp]> = [
    [[...base, '--zone', empty, '--zone-km', '5'], /--zone and --zone-km/],
    [base, /a zone is needed: --zone FILE, or --zone-km N/],
    [['gaps', '--line', lineFile, '--zone-km', '5'], /--presence FILE is needed/],
    [[...base, '--zone-km', '0'], /--zone-km must be more than 0/],
    [[...base, '--zone-km', '5', '--min-share', '1.5'], /--min-share must be at least 0 and at most 1, got 1\.5/],
    [[...base, '--zone-km', '5', '--every', '1d'], /--every needs --user/],
    [[...base, '--zone-km', '5', '--user', 'isf-analyst'], /--user .* and --line .* do not go together/],
    [[...base, '--zone-km', '5', '--from', 'yesterday'], /--from must be like 7d/],
    [[...base, '--zone-km', '5', '--no-hotspots', '--hotspot-k', '2'], /--hotspot-k and --no-hotspots/],
    [[...base, '--zone-km', '5', '--sites', '-1'], /--sites/],
    [['gaps'], /give --user NAME .* or --line FILE/],
    [['gaps', '--user', 'isf-analyst', '--every', '1d'], /--every needs --from and --to/],
    [['gaps', '--user', 'isf-analyst', '--from', '7d', '--to', '1d', '--every', '1w'], /--every must be a duration/],
    [['gaps', '--user', 'isf-analyst', '--from', '7d', '--to', '1d', '--every', '1d', '--sites', '3'], /--sites/],
  ];
  const results = await Promise.all(cases.map(([args]) => runSeam(args)));
  for (const [i, r] of results.entries()) assertExit(r, 2, cases[i][1]);
});

const demoDir = tempDir({ after }, 'seam-gaps-demo-');
before(async () => {
  assertExit(await runSeam(['demo', '--seed', '1', '--as-of', '2026-11-20T00:00:00Z'], { dataDir: demoDir }), 0);
});

const month = ['--from', '2026-10-20T00:00:00Z', '--to', '2026-11-20T00:00:00Z'];
const trendWeek = ['--from', '2026-11-13T00:00:00Z', '--to', '2026-11-20T00:00:00Z', '--every', '1d'];

function snapshotCounts(): Array<[string, number]> {
  const db = new DatabaseSync(databaseFile(demoDir), { readOnly: true });
  try {
    return db
      .prepare('SELECT org, count(*) AS n FROM gap_snapshots GROUP BY org ORDER BY org')
      .all()
      .map((r) => [String(r.org), Number(r.n)]);
  } finally {
    db.close();
  }
}

test('the database: a user’s analysis of a month, for machines and for people', async () => {
  const [json, text, unknown] = await Promise.all([
    runSeam(['gaps', '--user', 'isf-analyst', ...month, '--json'], { dataDir: demoDir }),
    runSeam(['gaps', '--user', 'isf-analyst', ...month], { dataDir: demoDir }),
    runSeam(['gaps', '--user', 'nobody', ...month], { dataDir: demoDir }),
  ]);
  assertExit(json, 0);
  const g = JSON.parse(json.stdout);
  assert.ok(g.uncovered_share > 0 && g.uncovered_share < 1, String(g.uncovered_share));
  assert.ok(g.corridors.length >= 1);
  assert.equal(g.recommendations.sites.length, 5);
  assert.equal(g.window.from, '2026-10-20T00:00:00.000Z');
  assert.equal(g.per_aor.length, 4);

  assertExit(text, 0);
  assert.match(text.stdout, /^zone +[\d,.]+ km² +line [\d,.]+ km$/m);
  assert.match(text.stdout, /^Per area of responsibility:$/m);
  assert.equal(text.stdout.match(/^[1-5] +\d+\.\d{5}, \d+\.\d{5} +\d{2}[C-X][A-Z]{2}\d{10} /gm)?.length, 5);

  assertExit(unknown, 1, /no user "nobody"/);
});

test('the database: the trend over 7 days is printed and stored, replaced when rerun, per organisation', async () => {
  const first = await runSeam(['gaps', '--user', 'isf-analyst', ...trendWeek, '--json'], { dataDir: demoDir });
  assertExit(first, 0);
  const { series } = JSON.parse(first.stdout);
  assert.equal(series.length, 7);
  assert.equal(series[0].window_from, '2026-11-13T00:00:00.000Z');
  assert.equal(series[6].window_to, '2026-11-20T00:00:00.000Z');
  assert.equal(series[0].uncovered_km2_change, null);
  for (const s of series) assert.ok(s.uncovered_share > 0 && s.uncovered_share < 1 && s.corridors >= 1);
  assert.deepEqual(snapshotCounts(), [['isf', 7]]);

  const again = await runSeam(['gaps', '--user', 'isf-analyst', ...trendWeek], { dataDir: demoDir });
  assertExit(again, 0);
  assert.equal(again.stderr, '', 'no progress bar when stderr is not a terminal');
  const lines = again.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2 + 7, again.stdout);
  assert.match(
    lines[0],
    /^window +uncovered km² +share +longest stretch km +corridors +incidents in gaps +change km²$/,
  );
  assert.match(lines[2], /^2026-11-13T00:00:00\.000Z – 2026-11-14T00:00:00\.000Z .* -$/);
  assert.deepEqual(snapshotCounts(), [['isf', 7]], 'rerun replaces, not duplicates');

  const other = await runSeam(['gaps', '--user', 'peshmerga-analyst', ...trendWeek, '--json'], { dataDir: demoDir });
  assertExit(other, 0);
  assert.equal(JSON.parse(other.stdout).series.length, 7);
  assert.deepEqual(snapshotCounts(), [
    ['isf', 7],
    ['peshmerga', 7],
  ]);
});
