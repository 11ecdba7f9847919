// Seam's CoT server under load, against a plain fan-out measured in the same run. Each scenario
// starts its server in a process of its own (cot-seam-server.ts: the real CotServer on a fresh
// database, two organisations with half the clients each, filtering on; or cot-plain-fan-out.ts:
// the same framing, no authentication, no filtering, no queues) and the load generator in another
// (cot-load-generator.ts), and samples the server's CPU time and resident memory while it measures.
// Scenarios: N clients at 1 and 2 reports/s with position sharing 'partners' (the two
// organisations are JCC partners, so each report reaches the other N−1 clients while the filter
// is still decided per recipient organisation); the same at 'org' sharing (own organisation
// only: the filter halves the deliveries); twice the load (4/s) with some clients stalled (never
// reading), where memory must stay bounded, the reading clients fast and the shed load counted.
// The generator and the server share the machine's cores: on a 2-core machine each gets about one.
//
// Env: COT_BENCH_CLIENTS (200), COT_BENCH_SECONDS measured (20), COT_BENCH_WARMUP seconds (5),
// COT_BENCH_STALLED clients in the overload run (20), COT_BENCH_ONLY (a scenario name part),
// COT_BENCH_ROUNDS (1), COT_BENCH_PROFILE (a directory for the server's CPU profiles).
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { CotMetrics } from '../src/cot/server/cot-server.ts';
import type { LoadConfig, LoadResult } from './cot-load-generator.ts';
import { emit, median } from './harness.ts';

const clients = Number(process.env.COT_BENCH_CLIENTS ?? 200);
const measureMs = Number(process.env.COT_BENCH_SECONDS ?? 20) * 1000;
const warmupMs = Number(process.env.COT_BENCH_WARMUP ?? 5) * 1000;
const stalledCount = Number(process.env.COT_BENCH_STALLED ?? Math.round(clients / 10));
const only = process.env.COT_BENCH_ONLY ?? '';
const rounds = Number(process.env.COT_BENCH_ROUNDS ?? 1);

interface Scenario {
  name: string;
  server: 'seam' | 'plain';
  sharing: 'partners' | 'org';
  rate: number;
  stalled: number;
}

type ServerReport = {
  metrics: Partial<CotMetrics>;
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
};

interface Outcome {
  load: LoadResult;
  /** The longest the server's event loop stood still while measuring. */
  serverLoopDelayMaxMs: number;
  /** The p99 of the server's event loop delay while measuring. */
  serverLoopDelayP99Ms: number;
  /** Cores of server CPU time used while measuring (1 = one core busy). */
  cpuCores: number;
  rssStartMb: number;
  /** The server's RSS every 2 s while measuring, in MB. */
  rssSeries: number[];
  rssMaxMb: number;
  rssEndMb: number;
  heapUsedEndMb: number;
  memoryEnd: Record<string, number>;
  /** The machine's load average while measuring (other processes share its cores). */
  loadAverage: number;
  eventsIn: number;
  eventsOut: number;
  drops: Record<string, number>;
  disconnections: Record<string, number>;
}

const here = import.meta.dirname;
const sum = (r: Record<string, number> | undefined) => Object.values(r ?? {}).reduce((a, b) => a + b, 0);
const diff = (a: Record<string, number> = {}, b: Record<string, number> = {}) =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k] ?? 0)]));

/** The next IPC message from a child that matches. */
function next<T>(child: ChildProcess, match: (m: T) => boolean, what: string, ms = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), ms);
    const onMessage = (m: unknown) => {
      if (match(m as T)) done(null, m as T);
    };
    const onExit = (code: number | null) => done(new Error(`${what}: the process ended (${code})`));
    function done(err: Error | null, m?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function run(s: Scenario): Promise<Outcome> {
  const script = s.server === 'seam' ? 'cot-seam-server.ts' : 'cot-plain-fan-out.ts';
  // COT_BENCH_PROFILE=DIR writes the server's CPU profile there (node --cpu-prof).
  const profile = process.env.COT_BENCH_PROFILE;
  const server = fork(join(here, script), [s.sharing], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, `--cpu-prof-name=${s.name}.cpuprofile`] : [],
  });
  try {
    const { port } = await next<{ port?: number }>(server, (m) => typeof m.port === 'number', `${s.name} server`);
    const config: LoadConfig = {
      port: port as number,
      clients,
      rate: s.rate,
      warmupMs,
      measureMs,
      auth: s.server === 'seam',
      stalled: s.stalled,
    };
    const generator = fork(join(here, 'cot-load-generator.ts'), [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ask = () => {
      const reply = next<ServerReport>(server, (m) => 'metrics' in m, 'server metrics');
      server.send({ ask: 'metrics' });
      return reply;
    };
    await next<{ phase?: string }>(generator, (m) => m.phase === 'measuring', `${s.name} load`);
    const before = await ask();
    const t0 = process.hrtime.bigint();
    const rssStart = rssMbOf(server.pid as number);
    let rssMax = rssStart;
    const rssSeries: number[] = [];
    const sampler = setInterval(() => {
      const rss = rssMbOf(server.pid as number);
      rssMax = Math.max(rssMax, rss);
      if (rssSeries.length < 1000) rssSeries.push(Math.round(rss));
    }, 250);
    const { result } = await next<{ phase?: string; result: LoadResult }>(
      generator,
      (m) => m.phase === 'done',
      `${s.name} result`,
      measureMs + 60_000,
    );
    const after = await ask();
    generator.send({ close: true });
    const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
    clearInterval(sampler);
    const rssEnd = rssMbOf(server.pid as number);
    const cpuUs = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
    const outcome: Outcome = {
      load: result,
      cpuCores: cpuUs / wallUs,
      serverLoopDelayP99Ms: after.loopDelayP99Ms,
      serverLoopDelayMaxMs: after.loopDelayMaxMs,
      rssStartMb: rssStart,
      rssSeries: rssSeries.filter((_, i) => i % 8 === 0),
      rssMaxMb: Math.max(rssMax, rssEnd),
      rssEndMb: rssEnd,
      heapUsedEndMb: after.memory.heapUsed / 2 ** 20,
      memoryEnd: Object.fromEntries(Object.entries(after.memory).map(([k, v]) => [k, Math.round(v / 2 ** 20)])),
      loadAverage: loadavg()[0],
      eventsIn: sum(after.metrics.eventsIn) - sum(before.metrics.eventsIn),
      eventsOut: sum(after.metrics.eventsOut) - sum(before.metrics.eventsOut),
      drops: diff(before.metrics.drops, after.metrics.drops),
      disconnections: diff(before.metrics.disconnections, after.metrics.disconnections),
    };
    process.stderr.write(`${s.name}: ${JSON.stringify(outcome)}\n`);
    return outcome;
  } finally {
    server.send({ ask: 'stop' });
    await new Promise((r) => {
      const t = setTimeout(() => {
        server.kill();
        r(null);
      }, 5000);
      server.once('exit', () => {
        clearTimeout(t);
        r(null);
      });
    });
  }
}

const scenarios: Scenario[] = [];
for (const rate of [1, 2]) {
  scenarios.push({ name: `plain-${rate}`, server: 'plain', sharing: 'partners', rate, stalled: 0 });
  scenarios.push({ name: `seam-${rate}`, server: 'seam', sharing: 'partners', rate, stalled: 0 });
}
scenarios.push({ name: 'seam-org-2', server: 'seam', sharing: 'org', rate: 2, stalled: 0 });
scenarios.push({ name: 'plain-overload-4', server: 'plain', sharing: 'partners', rate: 4, stalled: stalledCount });
scenarios.push({ name: 'seam-overload-4', server: 'seam', sharing: 'partners', rate: 4, stalled: stalledCount });

// Several rounds (COT_BENCH_ROUNDS) run every scenario again in the same order, so a busy moment of
// the shared machine hits one round of each; each figure is then the median over the rounds.
const runs = new Map<string, Outcome[]>();
for (let r = 0; r < rounds; r++) {
  for (const s of scenarios) {
    if (only && !s.name.includes(only)) continue;
    const list = runs.get(s.name) ?? [];
    list.push(await run(s));
    runs.set(s.name, list);
  }
}
const outcomes = new Map([...runs].map(([name, list]) => [name, medianOf(list)]));

/** Each number (at any depth) the median over the rounds; anything else as in the first round. */
function medianOf<T>(list: T[]): T {
  const first = list[0];
  if (typeof first === 'number') return median(list as number[]) as T;
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first;
  const keys = new Set(list.flatMap((o) => Object.keys(o as object)));
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const values = list.map(
      (o) =>
        (o as Record<string, unknown>)[k] ??
        (typeof (first as Record<string, unknown>)[k] === 'number' ? 0 : undefined),
    );
    out[k] = medianOf(values);
  }
  return out as T;
}

const round = (v: number, digits = 3) => Number(v.toFixed(digits));
/** Event loop delays (p99 and longest) of both processes: the part of a latency that is waiting for a core. */
const loopDelays = (seam: Outcome, plain: Outcome) => ({
  loopDelayP99Ms: {
    server: round(seam.serverLoopDelayP99Ms),
    generator: round(seam.load.loopDelayP99Ms),
    plainServer: round(plain.serverLoopDelayP99Ms),
    plainGenerator: round(plain.load.loopDelayP99Ms),
  },
  loopDelayMaxMs: {
    server: round(seam.serverLoopDelayMaxMs),
    generator: round(seam.load.loopDelayMaxMs),
    plainServer: round(plain.serverLoopDelayMaxMs),
    plainGenerator: round(plain.load.loopDelayMaxMs),
  },
});
const machine = { cores: availableParallelism(), clients, measuredSeconds: measureMs / 1000, rounds };
function figure(bench: string, unit: string, value: number, baseline: number, extra: Record<string, unknown> = {}) {
  // The busiest the machine was in this run (its 1-minute load average): other processes share its cores.
  const maxLoadAverage = round(Math.max(...[...outcomes.values()].map((o) => o.loadAverage)), 2);
  emit({
    bench,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: baseline === 0 ? (value === 0 ? 1 : null) : round(value / baseline),
    ...machine,
    maxLoadAverage,
    ...extra,
  });
}

for (const rate of [1, 2]) {
  const seam = outcomes.get(`seam-${rate}`);
  const plain = outcomes.get(`plain-${rate}`);
  if (!seam || !plain) continue;
  const tag = `${clients}x${rate}/s`;
  const note = { sharing: 'partners: each report reaches the other N-1 clients, filtered per recipient organisation' };
  figure(
    `cot-relay deliveries/s ${tag}`,
    'deliveries/s',
    seam.load.deliveriesPerSecond,
    plain.load.deliveriesPerSecond,
    {
      offered: clients * rate * (clients - 1),
      ...note,
    },
  );
  figure(`cot-relay latency p50 ${tag}`, 'ms', seam.load.p50Ms, plain.load.p50Ms);
  figure(`cot-relay latency p99 ${tag}`, 'ms', seam.load.p99Ms, plain.load.p99Ms, {
    p999Ms: seam.load.p999Ms,
    ...loopDelays(seam, plain),
  });
  figure(`cot-relay server CPU ${tag}`, 'cores', seam.cpuCores, plain.cpuCores, {
    generatorCores: round(seam.load.cpuCores),
  });
  figure(`cot-relay server RSS ${tag}`, 'MB', seam.rssMaxMb, plain.rssMaxMb);
}

const org = outcomes.get('seam-org-2');
const partners = outcomes.get('seam-2');
if (org && partners) {
  // Own organisation only: each report reaches N/2 − 1 clients instead of N − 1.
  figure(
    `cot-relay deliveries/s ${clients}x2/s org sharing`,
    'deliveries/s',
    org.load.deliveriesPerSecond,
    partners.load.deliveriesPerSecond,
    {
      expectedRatio: round((clients / 2 - 1) / (clients - 1)),
      baselineIs: 'the same server at partners sharing',
    },
  );
  // The filter's own count: recipients per report read from the server's metrics (events out / in).
  figure(
    `cot-relay recipients per report ${clients}x2/s org sharing`,
    'recipients',
    org.eventsOut / Math.max(1, org.eventsIn),
    partners.eventsOut / Math.max(1, partners.eventsIn),
    { expected: clients / 2 - 1, baselineIs: 'the same server at partners sharing' },
  );
  figure(`cot-relay latency p99 ${clients}x2/s org sharing`, 'ms', org.load.p99Ms, partners.load.p99Ms, {
    baselineIs: 'the same server at partners sharing',
  });
}

const over = outcomes.get('seam-overload-4');
const overPlain = outcomes.get('plain-overload-4');
if (over && overPlain) {
  const tag = `${clients}x4/s with ${stalledCount} stalled`;
  figure(
    `cot-relay deliveries/s ${tag}`,
    'deliveries/s',
    over.load.deliveriesPerSecond,
    overPlain.load.deliveriesPerSecond,
    {
      offered: clients * 4 * (clients - 1),
    },
  );
  figure(`cot-relay reading clients p99 ${tag}`, 'ms', over.load.p99Ms, overPlain.load.p99Ms, {
    p50Ms: over.load.p50Ms,
    ...loopDelays(over, overPlain),
  });
  figure(`cot-relay server RSS max ${tag}`, 'MB', over.rssMaxMb, overPlain.rssMaxMb, { rssEndMb: over.rssEndMb });
  // Bounded memory: what the server's resident memory grew by while measuring.
  figure(
    `cot-relay server RSS growth ${tag}`,
    'MB',
    over.rssMaxMb - over.rssStartMb,
    overPlain.rssMaxMb - overPlain.rssStartMb,
  );
  figure(`cot-relay server CPU ${tag}`, 'cores', over.cpuCores, overPlain.cpuCores);
  // The shed load, from the server's own metrics, against what was offered while measuring.
  const offered = over.eventsIn * (clients - 1);
  figure(`cot-relay shed ${tag}`, 'frames dropped', sum(over.drops), offered, {
    drops: over.drops,
    disconnections: over.disconnections,
    closedStalled: over.load.closedStalled,
    closedReading: over.load.closedReading,
    baselineIs: 'deliveries offered while measuring',
  });
}
