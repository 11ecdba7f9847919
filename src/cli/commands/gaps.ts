import { maxCoverageKm } from '../../domain/presence.ts';
import { type GapReport, type GapReportOptions, gapReport } from '../../geo/gap-report.ts';
import { toMgrs } from '../../geo/mgrs.ts';
import { presentGapSnapshot } from '../../server/presenters/gap-snapshot.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { analyseGaps, gapTrend, maxTrendWindows } from '../../service/gaps.ts';
import type { GapSnapshot } from '../../store/gap-snapshots.ts';
import { dataDirOption, intOption, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import {
  readAorsFile,
  readIncidentsFile,
  readLineFile,
  readPresenceFile,
  readZoneFile,
  withFileNamed,
} from '../gap-files.ts';
import { progressBar } from '../progress.ts';
import { sinceOption } from './audit.ts';
import { withStore } from './open.ts';

const dayMs = 86_400_000;
const units = { d: dayMs, h: 3_600_000, m: 60_000 } as const;

const gapOptions = {
  ...dataDirOption,
  user: { type: 'string' },
  from: { type: 'string' },
  since: { type: 'string' },
  to: { type: 'string' },
  every: { type: 'string' },
  line: { type: 'string' },
  zone: { type: 'string' },
  'zone-km': { type: 'string' },
  presence: { type: 'string' },
  incidents: { type: 'string' },
  aors: { type: 'string' },
  orgs: { type: 'string' },
  'min-share': { type: 'string' },
  'hotspot-resolution': { type: 'string' },
  'hotspot-k': { type: 'string' },
  'hotspot-q': { type: 'string' },
  'no-hotspots': { type: 'boolean' },
  sites: { type: 'string' },
  'site-radius-km': { type: 'string' },
  'half-life-days': { type: 'string' },
  'prefer-corridors': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parse<typeof gapOptions>>['values'];

const fileOptions = ['line', 'zone', 'zone-km', 'presence', 'incidents', 'aors'] as const;
const reportOnlyOptions = [
  'no-hotspots',
  'hotspot-resolution',
  'hotspot-k',
  'hotspot-q',
  'sites',
  'site-radius-km',
  'half-life-days',
  'prefer-corridors',
] as const;

/** A decimal option within bounds (the lower one excluded when `above`), or a usage error naming it. */
function numberOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  above = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  if (n > max || (above ? n <= min : n < min))
    throw new UsageError(`--${name} must be ${above ? 'more than' : 'at least'} ${min} and at most ${max}, got ${n}`);
  return n;
}

/** An ISO-8601 time or `7d`/`12h`/`30m` before now, as UTC ISO-8601; a usage error naming the option. */
function timeOption(name: string, value: string | undefined, now: Date): string | undefined {
  try {
    return sinceOption(value, now);
  } catch (err) {
    if (err instanceof UsageError)
      throw new UsageError(`--${name} must be like 7d, 12h, 30m or an ISO-8601 time, got "${value}"`);
    throw err;
  }
}

/** The window: --from (or --since) and --to; --to defaults to now and --from to 7 days before --to. */
function windowOf(values: Values, now: Date): { from: string; to: string } {
  if (values.from !== undefined && values.since !== undefined)
    throw new UsageError('--from and --since are the same option: give one');
  const to = timeOption('to', values.to, now) ?? now.toISOString();
  const from =
    timeOption(values.since !== undefined ? 'since' : 'from', values.from ?? values.since, now) ??
    new Date(Date.parse(to) - 7 * dayMs).toISOString();
  if (Date.parse(to) < Date.parse(from)) throw new UsageError(`--to (${to}) is before --from (${from})`);
  return { from, to };
}

function everyOption(value: string): number {
  const m = /^(\d{1,4})([dhm])$/.exec(value);
  if (!m || Number(m[1]) === 0)
    throw new UsageError(`--every must be a duration such as 1d, 12h or 30m, got "${value}"`);
  return Number(m[1]) * units[m[2] as keyof typeof units];
}

/** The analysis options from the command line. */
function reportOptions(values: Values, window: { to: string }): GapReportOptions {
  const options: GapReportOptions = {};
  if (values.orgs !== undefined) {
    const orgs = values.orgs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (orgs.length === 0) throw new UsageError('--orgs needs organisation codes, e.g. --orgs isf,peshmerga');
    options.orgs = orgs;
  }
  const minShare = numberOption('min-share', values['min-share'], 0, 1);
  if (minShare !== undefined) options.minShare = minShare;

  const resolution = intOption('hotspot-resolution', values['hotspot-resolution'], 0, 15);
  const k = intOption('hotspot-k', values['hotspot-k'], 1, 5);
  const q = numberOption('hotspot-q', values['hotspot-q'], 0, 0.999999, true);
  if (values['no-hotspots']) {
    const given = (['hotspot-resolution', 'hotspot-k', 'hotspot-q'] as const).find((o) => values[o] !== undefined);
    if (given) throw new UsageError(`--${given} and --no-hotspots do not go together`);
    options.hotspots = false;
  } else {
    options.hotspots = { resolution, k, q };
  }

  const count = intOption('sites', values.sites, 0, 1000) ?? 5;
  const radiusKm = numberOption('site-radius-km', values['site-radius-km'], 0, 100, true);
  const halfLifeDays = numberOption('half-life-days', values['half-life-days'], 0, 36_500, true);
  if (count === 0) {
    const given = (['site-radius-km', 'half-life-days', 'prefer-corridors'] as const).find(
      (o) => values[o] !== undefined,
    );
    if (given) throw new UsageError(`--${given} needs sites to recommend, but --sites is 0`);
    options.recommendations = false;
  } else {
    options.recommendations = {
      count,
      radiusKm,
      halfLifeDays: halfLifeDays ?? null,
      asOf: window.to,
      preferCorridors: values['prefer-corridors'] ?? false,
    };
  }
  return options;
}

const km = (x: number, digits = 2) =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const lonLat = (p: readonly number[]) => `${p[0].toFixed(5)}, ${p[1].toFixed(5)}`;
const mgrs = (lon: number, lat: number) => {
  try {
    return toMgrs(lon, lat);
  } catch {
    return '-';
  }
};

/** The report for people: the headline figures and compact tables. */
function printReport(r: GapReport): void {
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(`${label.padEnd(19)}${text}`);
  row('window', `${r.window.from} – ${r.window.to}`);
  row(
    'presence counted',
    `${r.orgs ? r.orgs.join(', ') : 'every organisation'}${r.min_share > 0 ? `, covered at least ${pct(r.min_share)} of the window` : ''}`,
  );
  row('zone', `${km(r.zone_km2)} km²   line ${km(r.line_km)} km`);
  row(
    'uncovered',
    `${km(r.uncovered_km2)} km² (${pct(r.uncovered_share)} of the zone) in ${r.gaps.features.length} gap${r.gaps.features.length === 1 ? '' : 's'}`,
  );
  const s = r.longest_uncovered_stretch;
  row(
    'longest stretch',
    s
      ? `${km(s.length_km)} km, km ${km(s.start_km)}–${km(s.end_km)} of the line, from ${lonLat(s.start)} to ${lonLat(s.end)}`
      : 'none: the whole line is covered',
  );
  row('uncovered runs', String(r.uncovered_runs.length));
  row('corridors', String(r.corridors.length));
  row(
    'incidents in gaps',
    `${r.inputs.incidents_in_gaps} of ${r.inputs.incidents_in_zone} in the zone` +
      (r.ignored.incidents_outside_zone ? ` (${r.ignored.incidents_outside_zone} outside the zone ignored)` : ''),
  );
  if (r.hotspots) {
    const inGaps = r.hotspots.regions.filter((h) => h.in_gap).length;
    row(
      'hot regions',
      `${r.hotspots.regions.length} (${inGaps} in gaps; H3 resolution ${r.hotspots.resolution}, k ${r.hotspots.k}, FDR q ${r.hotspots.q})` +
        (r.hotspots.too_few_points ? ' — too few incidents to test' : ''),
    );
  } else {
    row('hot regions', 'not computed');
  }
  row(
    'presence',
    `${r.inputs.presence_used} of ${r.inputs.presence} records used` +
      `; ignored: ${r.ignored.presence_outside_zone} outside the zone, ${r.ignored.presence_inactive} inactive in the window, ${r.ignored.presence_other_orgs} of other organisations`,
  );
  for (const p of r.repaired) row('repaired', `${p.field}: ${p.problem}`);

  if (r.corridors.length > 0) {
    out.push('', 'Corridors (gaps joining the zone’s two edges):');
    out.push(
      table(
        ['corridor', 'gap', 'narrowest km', 'area km²', 'narrowest at (lon, lat)', 'chainage km'],
        r.corridors.map((c) => [
          c.id,
          c.gap_id,
          c.narrowest_width_km === null ? '-' : `${km(c.narrowest_width_km)} ±${km(c.width_resolution_km)}`,
          km(c.area_km2),
          lonLat(c.narrowest_at),
          km(c.chainage_km),
        ]),
      ),
    );
  }
  if (r.per_aor.length > 0) {
    out.push('', 'Per area of responsibility:');
    out.push(
      table(
        ['aor', 'zone km²', 'uncovered km²', 'share'],
        r.per_aor.map((a) => [a.code, km(a.zone_km2), km(a.uncovered_km2), pct(a.uncovered_share)]),
      ),
    );
  }
  if (r.recommendations) {
    const rec = r.recommendations;
    out.push('', `Recommended joint checkpoints (radius ${km(rec.radius_km, 1)} km):`);
    if (rec.sites.length === 0) out.push('none: no incidents in gaps to cover');
    else {
      out.push(
        table(
          ['rank', 'lon, lat', 'MGRS', 'gain', 'incidents', 'cuts corridors'],
          rec.sites.map((x) => [
            String(x.rank),
            lonLat([x.lon, x.lat]),
            mgrs(x.lon, x.lat),
            String(x.gain),
            String(x.incidents),
            x.corridors.join(',') || '-',
          ]),
        ),
      );
      out.push(
        `total gain ${rec.total_gain} of ${rec.demand_weight} (${pct(rec.covered_share)} of the weight in gaps)`,
      );
    }
  }
  console.log(out.join('\n'));
}

function printSeries(series: GapSnapshot[], json: boolean): void {
  const rows = series.map((s, i) => presentGapSnapshot(s, series[i - 1]));
  if (json) {
    console.log(JSON.stringify({ series: rows }));
    return;
  }
  const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${km(Math.abs(x))}`;
  console.log(
    table(
      ['window', 'uncovered km²', 'share', 'longest stretch km', 'corridors', 'incidents in gaps', 'change km²'],
      rows.map((s) => [
        `${s.window_from} – ${s.window_to}`,
        km(s.uncovered_km2),
        pct(s.uncovered_share),
        km(s.longest_uncovered_stretch_km),
        String(s.corridors),
        String(s.incidents_in_gaps),
        s.uncovered_km2_change === null ? '-' : signed(s.uncovered_km2_change),
      ]),
    ),
  );
}

function fileMode(values: Values): void {
  if (values['data-dir'] !== undefined)
    throw new UsageError('--data-dir is for the database (--user); files alone need no data directory');
  if (values.every !== undefined) throw new UsageError('--every needs --user: a trend is computed on the database');
  if (values.line === undefined) throw new UsageError('--line FILE is needed (the coordination line)');
  if (values.zone !== undefined && values['zone-km'] !== undefined)
    throw new UsageError('--zone and --zone-km do not go together: give a zone file or a width');
  if (values.zone === undefined && values['zone-km'] === undefined)
    throw new UsageError('a zone is needed: --zone FILE, or --zone-km N for N km each side of the line');
  if (values.presence === undefined)
    throw new UsageError('--presence FILE is needed (an empty FeatureCollection if nobody is present)');
  const zoneKm = numberOption('zone-km', values['zone-km'], 0, maxCoverageKm, true);
  const window = windowOf(values, new Date());
  const options = reportOptions(values, window);
  const files = {
    line: values.line,
    zone: values.zone,
    presence: values.presence,
    incidents: values.incidents,
    aors: values.aors,
  };
  const line = readLineFile(values.line);
  const zone = values.zone === undefined ? null : readZoneFile(values.zone);
  const presence = readPresenceFile(values.presence);
  const incidents = values.incidents === undefined ? [] : readIncidentsFile(values.incidents);
  const aors = values.aors === undefined ? [] : readAorsFile(values.aors);
  let report: GapReport;
  try {
    report = gapReport({ line, zone, zoneKm: zoneKm ?? null, presence, incidents, aors, window, options });
  } catch (err) {
    throw withFileNamed(err, files);
  }
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report);
}

async function databaseMode(values: Values, user: string): Promise<void> {
  // Every usage mistake is named before the database is opened.
  const window = windowOf(values, new Date());
  let everyMs: number | null = null;
  if (values.every !== undefined) {
    if (values.to === undefined || (values.from ?? values.since) === undefined)
      throw new UsageError('--every needs --from and --to: the span to split into windows');
    const given = reportOnlyOptions.find((o) => values[o] !== undefined);
    if (given) throw new UsageError(`--${given} does not apply to a trend (--every): it keeps the headline figures`);
    everyMs = everyOption(values.every);
  }
  const options = reportOptions(values, window);
  await withStore(values['data-dir'], async (store) => {
    const actor = actorForUser(store, user);
    if (everyMs !== null) {
      const series = await gapTrend(
        store,
        actor,
        { ...window, everyMs, options: { orgs: options.orgs, minShare: options.minShare } },
        progressBar('analysing windows'),
      );
      printSeries(series, values.json ?? false);
      return;
    }
    const report = await analyseGaps(store, actor, { ...window, options });
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report);
  });
}

export const gapsCommand: Command = {
  name: 'gaps',
  summary: 'coverage gaps, corridors, hotspots and recommended joint checkpoints',
  help: `Usage:
  seam gaps --user USERNAME [--from WHEN] [--to WHEN] [options] [--json] [--data-dir DIR]
  seam gaps --user USERNAME --from WHEN --to WHEN --every 1d|12h|30m [--orgs A,B] [--min-share S] [--json]
  seam gaps --line FILE (--zone FILE | --zone-km N) --presence FILE [--incidents FILE] [--aors FILE]
            [--from WHEN] [--to WHEN] [options] [--json]

Where does nobody cover the ground? The analysis of a time window: gaps (area, share of the zone),
the longest uncovered stretch of the line and every uncovered run, corridors (gaps joining the
zone's two edges) with their narrowest width, the per-AOR breakdown, incidents in gaps, Gi* hot
regions and recommended joint checkpoints.

With --user it runs on the database as that user: only the presence and incidents the user may
see count. With --every it splits [--from, --to) into windows (at most ${maxTrendWindows}), prints the series
("is the gap closing?") and stores each window as a snapshot of the user's organisation (a window
computed again replaces its snapshot).

With --line it runs on files alone (GeoJSON, WGS84), no database: the line is a LineString, the
zone a Polygon/MultiPolygon (a FeatureCollection with one feature, a Feature, or the bare
geometry); presence features carry kind (checkpoint Point, patrol LineString, aor Polygon), org,
radius_km (checkpoint), buffer_km (patrol), optional from/to; incidents are Points with optional
weight, type, time; AORs are Polygon/MultiPolygon features with properties.code. Files over
200 MB are refused.

  --user NAME              analyse the database as this user
  --from WHEN, --since     window start: ISO-8601 or 7d, 12h, 30m ago (default: 7 days before --to)
  --to WHEN                window end (default: now)
  --every D                a trend over windows of D (1d, 12h, 30m); needs --from and --to
  --line FILE              the coordination line (files)
  --zone FILE              the zone (files)
  --zone-km N              or a zone of N km each side of the line (files)
  --presence FILE          presence of the organisations (files)
  --incidents FILE         incidents (files)
  --aors FILE              areas of responsibility for the per-AOR breakdown (files)
  --orgs A,B               organisations whose presence counts (default: all)
  --min-share S            share of the window (0..1) a place must be covered to count (default 0)
  --hotspot-resolution N   H3 resolution of the hotspots (default 8)
  --hotspot-k N            neighbourhood in H3 rings (default 1)
  --hotspot-q Q            false discovery rate (default 0.05)
  --no-hotspots            skip the hotspots
  --sites N                joint checkpoints to recommend (default 5; 0 = none)
  --site-radius-km R       their coverage radius (default 5)
  --half-life-days D       weight recent incidents more: halve the weight every D days before --to
  --prefer-corridors       prefer sites that cut corridors
  --json                   print JSON (the report, or {"series": [...]}) instead of text
${dataDirHelp} (with --user)`,
  async run(argv) {
    const { values } = parse(argv, gapOptions);
    const files = fileOptions.find((o) => values[o] !== undefined);
    if (values.user !== undefined && files)
      throw new UsageError(
        `--user (the database) and --${files} (files alone) do not go together: give one or the other`,
      );
    if (values.user !== undefined) return databaseMode(values, values.user);
    if (files) return fileMode(values);
    throw new UsageError(
      'give --user NAME to analyse the database, or --line FILE with --zone/--zone-km and --presence to analyse files',
    );
  },
};
