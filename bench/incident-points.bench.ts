// With 1,000,000 incidents stored (a year, ~80,000 in 30 days): the map's point set of a 30-day
// window through the real read path (access policy, tearlines), median of several runs;
// baseline: the same SQL selecting the same columns, every row read, without the policy.
import { join } from 'node:path';
import type { Actor } from '../src/service/actor.ts';
import { defaultPointsLimit, incidentPoints } from '../src/service/incident-points.ts';
import { tearlineGridKm, widenedForTearlines } from '../src/service/incident-reads.ts';
import type { IncidentFilter } from '../src/store/incidents.ts';
import { openStore } from '../src/store/store.ts';
import { emit, median, scratchDir } from './harness.ts';
import { addBenchSite, insertSyntheticIncidents, seededRandom } from './synthetic-incidents.ts';

const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const runs = 7;
const file = join(scratchDir('seam-bench-points-'), 'seam.db');

// Seeded, so every run measures the same data.
const random = seededRandom(7);
const start = Date.UTC(2025, 10, 1);
const yearMs = 365 * 86_400_000;

const load = openStore(file);
await addBenchSite(load, ['isf', 'peshmerga']);
insertSyntheticIncidents(load, { count: total, random, yearFrom: start, jccs: ['k1'], tearlines: true });
load.close();

const store = openStore(file);
const actor: Actor = { userId: 'bench', username: 'bench', org: 'peshmerga', roles: ['viewer'], scope: 'read' };
const until = new Date(start + yearMs).toISOString();
const since = new Date(start + yearMs - 30 * 86_400_000).toISOString();
const filter: IncidentFilter = { since, until };
const tearlines = widenedForTearlines(filter, await tearlineGridKm(store));

const ours: number[] = [];
const raw: number[] = [];
let points = 0;
let rows = 0;
for (let n = 0; n < runs; n++) {
  const t0 = process.hrtime.bigint();
  points = (await incidentPoints(store, actor, { since, until }, defaultPointsLimit)).points.length;
  const t1 = process.hrtime.bigint();
  rows = 0;
  await store.incidents.scanPoints(filter, tearlines, () => ++rows <= defaultPointsLimit);
  const t2 = process.hrtime.bigint();
  // The first run warms the page cache and the JIT for both; it is not counted.
  if (n === 0) continue;
  ours.push(Number(t1 - t0) / 1e6);
  raw.push(Number(t2 - t1) / 1e6);
}
const value = median(ours);
const baseline = median(raw);
emit({
  bench: 'incident_points_30d',
  value: Number(value.toFixed(2)),
  unit: 'ms',
  baseline: Number(baseline.toFixed(2)),
  ratio: Number((value / baseline).toFixed(3)),
  incidents: total,
  rows_read: rows,
  points,
  runs: runs - 1,
  note: 'the map point set of a 30-day window as a Peshmerga viewer sees it (access policy, tearlines); baseline: the same SQL and columns without the policy',
});
store.close();
