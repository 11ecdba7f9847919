// Write throughput of incidents through the store's one write path (record + spatial index +
// change log + audit chain) against raw prepared inserts of the same rows, in the same run.
import { join } from 'node:path';
import type { Incident } from '../src/domain/incident.ts';
import { incidentTypeCodes } from '../src/domain/taxonomy.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { openDatabase } from '../src/store/sqlite/database.ts';
import { incidentRow } from '../src/store/sqlite/incident-rows.ts';
import { insertIncidentSql } from '../src/store/sqlite/incidents.ts';
import { migrate } from '../src/store/sqlite/migrate.ts';
import { openStore } from '../src/store/store.ts';
import { makeIncident } from '../test/factories/incident.ts';
import { emit, median, scratchDir, time, timeAsync } from './harness.ts';

const batchRows = Number(process.env.BENCH_ROWS ?? 50_000);
const commitRows = Number(process.env.BENCH_COMMITS ?? 500);
const rounds = 3;

function rows(n: number): Incident[] {
  return Array.from({ length: n }, (_, k) =>
    makeIncident({
      type: incidentTypeCodes[k % incidentTypeCodes.length],
      time: new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString(),
      lon: 42 + (k % 1000) / 300,
      lat: 34 + (k % 777) / 300,
      narrative: `Bench incident ${k}: movement reported near the line`,
      casualties: { forces: [], civilians: { killed: k % 3, wounded: k % 5, abducted: 0 } },
      grading: { reliability: 'B', credibility: 2 },
      source: 'bench',
      sourceId: String(k),
      exercise: true,
    }),
  );
}

const dir = scratchDir('seam-bench-');
let run = 0;

async function measure(n: number, perCommit: boolean): Promise<{ writePath: number; raw: number }> {
  run++;
  const data = rows(n);
  const store = openStore(join(dir, `wp-${run}.db`));
  await addOrganisation(store, 'isf', 'Iraqi Security Forces');
  const writePath = await timeAsync(async () => {
    if (perCommit) for (const i of data) await store.write(null, (tx) => tx.incidents.insert(i));
    else
      await store.write(null, async (tx) => {
        for (const i of data) await tx.incidents.insert(i);
      });
  });
  store.close();

  const db = openDatabase(join(dir, `raw-${run}.db`));
  migrate(db);
  db.prepare("INSERT INTO organisations (id, code, name, created_at) VALUES ('o', 'isf', 'ISF', 'x')").run();
  const insert = db.prepare(insertIncidentSql);
  const raw = time(() => {
    if (perCommit) {
      for (const i of data) {
        db.exec('BEGIN IMMEDIATE');
        insert.get(...incidentRow(i));
        db.exec('COMMIT');
      }
    } else {
      db.exec('BEGIN IMMEDIATE');
      for (const i of data) insert.get(...incidentRow(i));
      db.exec('COMMIT');
    }
  });
  db.close();
  return { writePath: n / writePath, raw: n / raw };
}

for (const [name, n, perCommit] of [
  ['incident_write_path_batch', batchRows, false],
  ['incident_write_path_per_commit', commitRows, true],
] as const) {
  const results: Array<{ writePath: number; raw: number }> = [];
  for (let r = 0; r < rounds; r++) results.push(await measure(n, perCommit));
  const value = median(results.map((r) => r.writePath));
  const baseline = median(results.map((r) => r.raw));
  emit({
    bench: name,
    value: Math.round(value),
    unit: 'rows/s',
    baseline: Math.round(baseline),
    ratio: Number((value / baseline).toFixed(3)),
    rows: n,
    rounds,
    note: perCommit
      ? 'one transaction (fsync) per incident, as the API commits them; baseline: raw insert per transaction'
      : 'all rows in one transaction; baseline: raw prepared inserts of the same rows (table, indexes and full-text trigger) without spatial index, change log or audit',
  });
}
