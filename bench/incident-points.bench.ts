// With 1,000,000 incidents stored (a year, ~80,000 in 30 days): the map's point set of a 30-day
// window through the real read path (access policy, tearlines), median of several runs;
// baseline: the same SQL selecting the same columns, every row read, without the policy.
import { join } from 'node:path';
import { incidentTypeCodes } from '../src/domain/taxonomy.ts';
import type { Actor } from '../src/service/actor.ts';
import { defaultPointsLimit, incidentPoints } from '../src/service/incident-points.ts';
import { tearlineGridKm, widenedForTearlines } from '../src/service/incident-reads.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { incidentPointRows } from '../src/store/incident-points.ts';
import type { IncidentFilter } from '../src/store/incident-queries.ts';
import { incidentColumns } from '../src/store/incident-rows.ts';
import { insertJcc } from '../src/store/jccs.ts';
import { openStore } from '../src/store/store.ts';
import { emit, median, progress, scratchDir } from './harness.ts';

const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const runs = 7;
const file = join(scratchDir('seam-bench-points-'), 'seam.db');

// Seeded, so every run measures the same data.
let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const [west, south, east, north] = [41.8, 34.2, 45.5, 36.7];
const start = Date.UTC(2025, 10, 1);
const yearMs = 365 * 86_400_000;
const orgs = ['isf', 'peshmerga', 'coalition'];
// Most records are shared with partners; some stay with their owner, a few of those with a tearline.
const scopes = ['partners', 'partners', 'partners', 'coalition', 'org'];

const load = openStore(file);
for (const code of orgs) addOrganisation(load, code, code);
const aor = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ] as [number, number][][],
};
load.writes.write(null, (tx) =>
  insertJcc(tx, {
    id: newId(),
    code: 'k1',
    name: 'K1',
    aor,
    members: ['isf', 'peshmerga'],
    createdAt: tx.at,
    updatedAt: tx.at,
  }),
);

// Raw prepared inserts, as the write path leaves the rows: this figure is about reading.
const columns = incidentColumns;
const insert = load.db.prepare(
  `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING rid`,
);
const insertBox = load.db.prepare(
  'INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
);
const at = new Date().toISOString();
const batch = 50_000;
for (let done = 0; done < total; done += batch) {
  load.db.exec('BEGIN');
  for (let k = done; k < Math.min(total, done + batch); k++) {
    const lon = west + random() * (east - west);
    const lat = south + random() * (north - south);
    const scope = scopes[k % scopes.length];
    const row: Record<string, string | number | null> = {
      id: newId(),
      type: incidentTypeCodes[Math.floor(random() * incidentTypeCodes.length)],
      time: new Date(start + random() * yearMs).toISOString(),
      time_precision: 'day',
      lon,
      lat,
      location_precision: 'exact',
      narrative: `Bench incident ${k}: movement reported near the line`,
      casualties: '{"forces":[],"civilians":{"killed":0,"wounded":1,"abducted":0}}',
      grading: 'C3',
      releasability: scope,
      tearline:
        scope === 'org' && k % 2 === 0 ? '{"releasability":"coalition","summary":"Activity near the line"}' : null,
      verification: 'reported',
      owner_org: orgs[k % orgs.length],
      jcc: 'k1',
      nearest_checkpoints: '[]',
      killed_total: 0,
      casualties_total: 1,
      source: 'bench',
      source_id: String(k),
      exercise: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const { rid } = insert.get(...columns.map((c) => row[c] ?? null)) as { rid: number };
    insertBox.run(rid, lon, lon, lat, lat);
  }
  load.db.exec('COMMIT');
  progress('loading', Math.min(total, done + batch), total);
}
load.db.exec('ANALYZE');
load.close();

const store = openStore(file);
const actor: Actor = { userId: 'bench', username: 'bench', org: 'peshmerga', roles: ['viewer'], scope: 'read' };
const until = new Date(start + yearMs).toISOString();
const since = new Date(start + yearMs - 30 * 86_400_000).toISOString();
const filter: IncidentFilter = { since, until };
const tearlines = widenedForTearlines(filter, tearlineGridKm(store));

const ours: number[] = [];
const raw: number[] = [];
let points = 0;
let rows = 0;
for (let n = 0; n < runs; n++) {
  const t0 = process.hrtime.bigint();
  points = incidentPoints(store, actor, { since, until }, defaultPointsLimit).points.length;
  const t1 = process.hrtime.bigint();
  rows = 0;
  for (const _ of incidentPointRows(store.db, filter, tearlines)) if (++rows > defaultPointsLimit) break;
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
