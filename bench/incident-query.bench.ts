// With 1,000,000 incidents stored: a bounding-box + 30-day + type query returning up to 500 rows,
// through the real read path (access policy, tearlines), p50 and p95 over 1,000 random queries;
// baseline: the same SQL query without the policy, in the same run. Then resident memory.
import { join } from 'node:path';
import { incidentTypeCodes } from '../src/domain/taxonomy.ts';
import type { Actor } from '../src/service/actor.ts';
import { listIncidents } from '../src/service/incident-reads.ts';
import type { IncidentFilter } from '../src/store/incidents.ts';
import { openStore } from '../src/store/store.ts';
import { emit, progress, scratchDir } from './harness.ts';
import { addBenchSite, benchOrgs, insertSyntheticIncidents, lineArea, seededRandom } from './synthetic-incidents.ts';

const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const queries = 1000;
const file = join(scratchDir('seam-bench-query-'), 'seam.db');

// Seeded, so every run measures the same data and the same queries.
const random = seededRandom(42);
const [west, south, east, north] = lineArea;
const start = Date.UTC(2025, 10, 1);
const yearMs = 365 * 86_400_000;

const load = openStore(file);
await addBenchSite(load, benchOrgs);
insertSyntheticIncidents(load, { count: total, random, yearFrom: start, jccs: ['k1'], tearlines: false });
load.close();

// A fresh process-state read: open the file as a server would and run the queries.
const store = openStore(file);
const actor: Actor = { userId: 'bench', username: 'bench', org: 'peshmerga', roles: ['viewer'], scope: 'read' };
function randomFilter(): IncidentFilter {
  const km = 20 + random() * 60;
  const lon = west + random() * (east - west);
  const lat = south + random() * (north - south);
  const dLat = km / 111.195 / 2;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const from = start + random() * (yearMs - 30 * 86_400_000);
  return {
    bbox: [lon - dLon, lat - dLat, lon + dLon, lat + dLat],
    since: new Date(from).toISOString(),
    until: new Date(from + 30 * 86_400_000).toISOString(),
    types: [incidentTypeCodes[Math.floor(random() * 6)]],
  };
}
const filters = Array.from({ length: queries }, randomFilter);
const policy: number[] = [];
const raw: number[] = [];
let rows = 0;
for (const [n, f] of filters.entries()) {
  const t0 = process.hrtime.bigint();
  rows += (await listIncidents(store, actor, f, null, 500)).items.length;
  const t1 = process.hrtime.bigint();
  await store.incidents.query(f, null, 500);
  const t2 = process.hrtime.bigint();
  policy.push(Number(t1 - t0) / 1e6);
  raw.push(Number(t2 - t1) / 1e6);
  if (n % 100 === 99) progress('querying', n + 1, queries);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const common = { incidents: total, queries, mean_rows: Math.round(rows / queries) };
for (const [name, p] of [
  ['incident_query_bbox_30d_type_p50', 0.5],
  ['incident_query_bbox_30d_type_p95', 0.95],
] as const) {
  const value = pct(policy, p);
  const baseline = pct(raw, p);
  emit({
    bench: name,
    value: Number(value.toFixed(3)),
    unit: 'ms',
    baseline: Number(baseline.toFixed(3)),
    ratio: Number((value / baseline).toFixed(3)),
    ...common,
    note: 'through the access policy; baseline: the same SQL without it',
  });
}
const rssMb = process.memoryUsage().rss / 1024 / 1024;
emit({
  bench: 'incident_query_rss',
  value: Math.round(rssMb),
  unit: 'MiB',
  baseline: 1536,
  ratio: Number((rssMb / 1536).toFixed(3)),
  ...common,
  note: 'resident memory after opening the database and running the queries; baseline: the 1.5 GB goal',
});
store.close();
