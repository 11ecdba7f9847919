// The web app's first render and its weight (issue #6). Figures:
//  - web_first_render: with 1,000,000 incidents stored (a year up to now, ~1/52 in the app's default 7-day window)
//    beside the demo scene (organisations, line and zone, JCCs, presence, users, boundaries when the shared OCHA
//    files are there), the real server over the store and Debian's Chromium signed in: navigation to `/` until the
//    app marks `seam:incidents-rendered` (the incidents drawn on the map); median of BENCH_WEB_RUNS navigations
//    (default 7; 2 below 100,000 incidents) with a warm HTTP cache (fresh page each, same context); baseline: the same on a store with the same scene and
//    1,000 incidents. Goal ≤ 2 s.
//  - web_first_render_30d: the same for `/?window=30d` (~1/12 of the incidents drawn).
//  - web_first_render_cold: the first navigation of a fresh browser and context (empty HTTP cache), same baseline.
//  - web_points_payload, web_points_payload_30d: GET /api/v1/incidents/points for the window, bytes (as JSON and
//    gzipped as the server sends it) and rows (informative); baseline: the same on the 1,000-incident store.
//  - web_js_gzip: every .js/.mjs of dist/web/assets gzipped; baseline: MapLibre GL's own minified JS gzipped.
//    Goal ≤ 1.5 MB.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { buildApp } from '../src/server/app.ts';
import { importBoundaries } from '../src/service/boundaries.ts';
import { reenrichIncidents } from '../src/service/incident-reenrich.ts';
import { openStore } from '../src/store/store.ts';
import { chromiumArgs, chromiumPath, ensureWebBuilt, webRoot } from '../test/harness/browser.ts';
import { shippedBoundaryFile } from '../test/harness/iraq-data.ts';
import { emit, median, scratchDir } from './harness.ts';
import { insertSyntheticIncidents, seededRandom } from './synthetic-incidents.ts';

const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const baselineTotal = 1000;
// Seven warm navigations at full size; a tiny run (the smoke test) only checks that the figures come out.
const warmRuns = Number(process.env.BENCH_WEB_RUNS ?? (total >= 100_000 ? 7 : 2));
const password = 'bench-password-123';
const username = 'peshmerga-viewer';
const renderGoalMs = 2000;
const jsGoalBytes = 1.5 * 1024 * 1024;
const dir = scratchDir('seam-bench-web-');
const now = Date.now();
const yearMs = 365 * 86_400_000;
const log = (s: string) => process.stderr.write(`${s}\n`);

// ---- The JS the app ships, gzipped, against MapLibre's own.
ensureWebBuilt();
const assets = join(webRoot, 'assets');
const jsFiles = readdirSync(assets).filter((f) => /\.m?js$/.test(f));
const gzBytes = (file: string) =>
  existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`).length : gzipSync(readFileSync(file), { level: 9 }).length;
const ours = jsFiles.reduce((n, f) => n + gzBytes(join(assets, f)), 0);
const maplibreDir = join(import.meta.dirname, '..', 'node_modules', 'maplibre-gl', 'dist');
const maplibre = ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs'].reduce(
  (n, f) => n + gzipSync(readFileSync(join(maplibreDir, f)), { level: 9 }).length,
  0,
);
emit({
  bench: 'web_js_gzip',
  value: ours,
  unit: 'bytes',
  baseline: maplibre,
  ratio: Number((ours / maplibre).toFixed(3)),
  goal: jsGoalBytes,
  files: Object.fromEntries(jsFiles.map((f) => [f, gzBytes(join(assets, f))])),
  note: "every .js/.mjs of dist/web/assets gzipped (the build's .gz copies); baseline: maplibre-gl.mjs + maplibre-gl-worker.mjs gzipped at level 9",
});

// ---- The stores: the demo scene, then the synthetic incidents through raw prepared inserts.
async function buildStore(name: string, count: number, seed: number): Promise<string> {
  const file = join(dir, `${name}.db`);
  const store = openStore(file);
  await loadDemo(store, buildDemoScenario({ seed: 1, asOf: new Date(now).toISOString() }), () => password);
  let boundaries = false;
  if (existsSync(shippedBoundaryFile(1)) && existsSync(shippedBoundaryFile(2))) {
    for (const level of [1, 2] as const) await importBoundaries(store, { path: shippedBoundaryFile(level) }, { level });
    await reenrichIncidents(store, null);
    boundaries = true;
  }
  insertSyntheticIncidents(store, {
    count,
    random: seededRandom(seed),
    yearFrom: now - yearMs,
    jccs: ['diyala', 'k1', 'makhmour', 'nineveh'],
    tearlines: true,
    label: `loading ${name}`,
  });
  store.close();
  log(
    `${name}: ${count} incidents stored${boundaries ? ', boundaries loaded' : ', no boundaries (shared files absent)'}`,
  );
  return file;
}

// ---- One navigation, what it took and where the time went.
interface Navigation {
  renderedMs: number;
  rendered: number;
  pointsStart: number | null;
  pointsTtfb: number | null;
  pointsEnd: number | null;
  pointsBytes: number | null;
  scriptEnd: number | null;
  meEnd: number | null;
  /** Main-thread long tasks (> 50 ms) between the points' arrival and the mark, summed. */
  longTasksAfterPoints: number;
  longestTask: number;
  gapEnd: number | null;
  /** The app's own marks: map loaded, incidents handed to the map, taken by its worker. */
  mapLoaded: number | null;
  incidentsSet: number | null;
  incidentsTaken: number | null;
}

// Collects long tasks from the start of each page (the observer must exist before they happen).
const initScript = `
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
`;

/** The views measured: the app as it opens (7 days), and a month. */
const views = [
  { name: '7d', path: '/', days: 7 },
  { name: '30d', path: '/?window=30d', days: 30 },
] as const;
type ViewName = (typeof views)[number]['name'];

async function navigate(context: BrowserContext, url: string, path: string, trace?: string): Promise<Navigation> {
  const page = await context.newPage();
  if (trace) await context.browser()!.startTracing(page, { path: trace });
  try {
    await page.goto(`${url}${path}`);
    await page.waitForFunction(() => performance.getEntriesByName('seam:incidents-rendered').length > 0, null, {
      timeout: 180_000,
      polling: 50,
    });
    return await page.evaluate(() => {
      const mark = performance.getEntriesByName('seam:incidents-rendered')[0].startTime;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const find = (part: string) => resources.find((r) => r.name.includes(part));
      const points = find('/api/v1/incidents/points');
      const gap = resources.find((r) => r.name.includes('/api/v1/gaps') && r.responseEnd > 0);
      const tasks = (window as unknown as { __longTasks: [number, number][] }).__longTasks;
      const after = points ? points.responseEnd : 0;
      const inside = tasks.filter(([s, d]) => s + d > after && s < mark);
      const el = document.querySelector('[data-testid=map]') as HTMLElement;
      const r1 = (x: number) => Math.round(x * 10) / 10;
      const markAt = (name: string) => {
        const m = performance.getEntriesByName(name)[0];
        return m ? r1(m.startTime) : null;
      };
      return {
        renderedMs: r1(mark),
        mapLoaded: markAt('seam:map-loaded'),
        incidentsSet: markAt('seam:incidents-set'),
        incidentsTaken: markAt('seam:incidents-taken'),
        rendered: Number(el.dataset.incidentsRendered),
        pointsStart: points ? r1(points.startTime) : null,
        pointsTtfb: points ? r1(points.responseStart) : null,
        pointsEnd: points ? r1(points.responseEnd) : null,
        pointsBytes: points ? points.encodedBodySize : null,
        scriptEnd: find('/assets/index-') ? r1(find('/assets/index-')!.responseEnd) : null,
        meEnd: find('/api/v1/auth/me') ? r1(find('/api/v1/auth/me')!.responseEnd) : null,
        longTasksAfterPoints: r1(inside.reduce((n, [s, d]) => n + Math.min(s + d, mark) - Math.max(s, after), 0)),
        longestTask: r1(Math.max(0, ...inside.map(([, d]) => d))),
        gapEnd: gap ? r1(gap.responseEnd) : null,
      };
    });
  } finally {
    if (trace) await context.browser()!.stopTracing();
    await page.close();
  }
}

interface Payload {
  bytes: number;
  gzipBytes: number;
  rows: number;
  truncated: boolean;
}

interface Measured {
  payload: Record<ViewName, Payload>;
  /** The navigations, or why there are none. */
  runs: { cold: Navigation; warm: Record<ViewName, Navigation[]> } | string;
}

async function measure(file: string, label: string): Promise<Measured> {
  const store = openStore(file);
  const app = await buildApp(store, { logger: false });
  // Requests still being answered: a navigation starts only once the last page's (the gap report) are done.
  let inFlight = 0;
  app.server.on('request', (_req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // The gap report of a 1M store takes the server tens of seconds; wait up to 3 minutes.
  const quiet = async () => {
    const t0 = Date.now();
    while (inFlight > 0 && Date.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 50));
    if (Date.now() - t0 > 1000) log(`${label}: waited ${Date.now() - t0} ms for the server to finish the last page`);
  };
  let browser: Browser | null = null;
  try {
    // Each view's point set, as the app asks for it.
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const payload = {} as Record<ViewName, Payload>;
    for (const v of views) {
      const q = new URLSearchParams({
        since: new Date(Date.now() - v.days * 86_400_000).toISOString(),
        until: new Date().toISOString(),
      });
      const res = await fetch(`${url}/api/v1/incidents/points?${q}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`points: ${res.status} ${body}`);
      const p = JSON.parse(body) as { rows: unknown[]; truncated: boolean };
      payload[v.name] = {
        bytes: Buffer.byteLength(body),
        gzipBytes: gzipSync(body, { level: constants.Z_BEST_SPEED }).length,
        rows: p.rows.length,
        truncated: p.truncated,
      };
      log(`${label}: ${v.name} points payload ${payload[v.name].bytes} bytes, ${payload[v.name].rows} rows`);
    }

    const executablePath = chromiumPath();
    if (!executablePath) return { payload, runs: 'Chromium is not installed (Debian package `chromium`)' };
    // A fresh browser per store, so each store's first navigation is cold (empty HTTP cache, no compiled code).
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(initScript);
    const signIn = await context.request.post(`${url}/api/v1/auth/login`, { data: { username, password } });
    if (signIn.status() !== 200) throw new Error(`browser sign-in failed: ${signIn.status()}`);
    const cold = await navigate(context, url, views[0].path);
    log(`${label}: cold ${cold.renderedMs} ms, ${cold.rendered} incidents drawn`);
    await quiet();
    const warm = {} as Record<ViewName, Navigation[]>;
    for (const v of views) {
      warm[v.name] = [];
      for (let n = 0; n < warmRuns; n++) {
        const run = await navigate(context, url, v.path);
        warm[v.name].push(run);
        log(`${label}, ${v.name}: warm ${run.renderedMs} ms (points ${run.pointsStart}→${run.pointsEnd} ms)`);
        await quiet();
      }
    }
    // BENCH_WEB_TRACE=dir: one more warm navigation recorded as a Chromium trace (not counted), for finding where
    // the time goes (chrome://tracing or Perfetto).
    if (process.env.BENCH_WEB_TRACE) {
      const trace = join(process.env.BENCH_WEB_TRACE, `web-render-${label.replace(/\W+/g, '-')}.json`);
      await navigate(context, url, views[0].path, trace);
      log(`${label}: trace written to ${trace}`);
      await quiet();
    }
    await context.close();
    return { payload, runs: { cold, warm } };
  } finally {
    await browser?.close();
    await app.close();
    store.close();
  }
}

const bigFile = await buildStore('big', total, 7);
const smallFile = await buildStore('small', baselineTotal, 11);
const big = await measure(bigFile, `${total} incidents`);
const small = await measure(smallFile, `${baselineTotal} incidents`);

const mid = (runs: Navigation[], k: keyof Navigation) => {
  const xs = runs.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
  return xs.length ? Math.round(median(xs) * 10) / 10 : null;
};
const breakdown = (runs: Navigation[]) => ({
  script_loaded_ms: mid(runs, 'scriptEnd'),
  me_answered_ms: mid(runs, 'meEnd'),
  points_requested_ms: mid(runs, 'pointsStart'),
  points_first_byte_ms: mid(runs, 'pointsTtfb'),
  points_received_ms: mid(runs, 'pointsEnd'),
  long_tasks_after_points_ms: mid(runs, 'longTasksAfterPoints'),
  longest_task_ms: mid(runs, 'longestTask'),
  rendered_ms: mid(runs, 'renderedMs'),
  map_loaded_ms: mid(runs, 'mapLoaded'),
  incidents_set_ms: mid(runs, 'incidentsSet'),
  incidents_taken_by_worker_ms: mid(runs, 'incidentsTaken'),
  gap_report_received_ms: mid(runs, 'gapEnd'),
});
const r2 = (x: number) => Math.round(x * 100) / 100;

const bigRuns = big.runs;
const smallRuns = small.runs;
if (typeof bigRuns === 'string' || typeof smallRuns === 'string') {
  const skipped = typeof bigRuns === 'string' ? bigRuns : String(smallRuns);
  for (const bench of ['web_first_render', 'web_first_render_cold'])
    emit({ bench, value: null, unit: 'ms', baseline: null, ratio: null, goal: renderGoalMs, skipped });
} else {
  const [big, small] = [bigRuns, smallRuns];
  for (const v of views) {
    const value = median(big.warm[v.name].map((r) => r.renderedMs));
    const baseline = median(small.warm[v.name].map((r) => r.renderedMs));
    emit({
      bench: v.name === '7d' ? 'web_first_render' : `web_first_render_${v.name}`,
      value: r2(value),
      unit: 'ms',
      baseline: r2(baseline),
      ratio: Number((value / baseline).toFixed(3)),
      goal: renderGoalMs,
      incidents: total,
      baseline_incidents: baselineTotal,
      window_days: v.days,
      drawn: big.warm[v.name][0].rendered,
      runs: big.warm[v.name].length,
      http_cache: 'warm: same context after a first navigation (hashed assets cached, API answers not cached)',
      runs_ms: big.warm[v.name].map((r) => r.renderedMs),
      baseline_runs_ms: small.warm[v.name].map((r) => r.renderedMs),
      breakdown: breakdown(big.warm[v.name]),
      baseline_breakdown: breakdown(small.warm[v.name]),
      note: `navigation to ${v.path} (signed in) until performance.mark("seam:incidents-rendered"), median; baseline: same scene with 1,000 incidents`,
    });
  }
  emit({
    bench: 'web_first_render_cold',
    value: big.cold.renderedMs,
    unit: 'ms',
    baseline: small.cold.renderedMs,
    ratio: Number((big.cold.renderedMs / small.cold.renderedMs).toFixed(3)),
    goal: renderGoalMs,
    incidents: total,
    baseline_incidents: baselineTotal,
    window_days: views[0].days,
    drawn: big.cold.rendered,
    http_cache: 'cold: the first navigation of a fresh browser and context',
    breakdown: breakdown([big.cold]),
    baseline_breakdown: breakdown([small.cold]),
  });
}

// The points payloads are measured with or without a browser.
for (const v of views) {
  const [b, sm] = [big.payload[v.name], small.payload[v.name]];
  emit({
    bench: v.name === '7d' ? 'web_points_payload' : `web_points_payload_${v.name}`,
    value: b.bytes,
    unit: 'bytes',
    baseline: sm.bytes,
    ratio: Number((b.bytes / sm.bytes).toFixed(3)),
    gzip_bytes: b.gzipBytes,
    rows: b.rows,
    baseline_rows: sm.rows,
    bytes_per_row: Math.round(b.bytes / Math.max(1, b.rows)),
    truncated: b.truncated,
    incidents: total,
    window_days: v.days,
    note: `GET /api/v1/incidents/points for ${v.days} days as a Peshmerga viewer: JSON bytes, and gzip_bytes as the server sends it to a browser; baseline: the 1,000-incident store`,
  });
}
