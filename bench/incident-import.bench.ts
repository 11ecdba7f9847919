// Bulk import of 100,000 generated ACLED rows with full enrichment (Iraq governorates and districts,
// JCC, line, zone, gap, nearest checkpoints, H3, duplicate check) through the one write path, against
// raw prepared inserts of the same rows without enrichment, in the same run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { acledColumns } from '../src/io/acled.ts';
import { formatCsvRow } from '../src/io/csv.ts';
import { importBoundaries } from '../src/service/boundaries.ts';
import { importIncidents } from '../src/service/incident-import.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { openDatabase } from '../src/store/sqlite/database.ts';
import { incidentColumns } from '../src/store/sqlite/incident-rows.ts';
import { openStore } from '../src/store/store.ts';
import { iraqBoundaryFile } from '../test/harness/iraq-data.ts';
import { emit, progress, scratchDir } from './harness.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const dir = scratchDir('seam-bench-import-');
const asOf = new Date('2026-11-01T00:00:00Z');

let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const kinds = [
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Battles', 'Armed clash'],
  ['Violence against civilians', 'Attack'],
  ['Violence against civilians', 'Abduction/forced disappearance'],
  ['Strategic developments', 'Arrests'],
] as const;

// The generated file: points over the coordination line's area, the 90 days before asOf.
const file = join(dir, 'acled.csv');
const lines = [formatCsvRow([...acledColumns])];
for (let k = 0; k < rows; k++) {
  const [eventType, sub] = kinds[k % kinds.length];
  const day = new Date(asOf.getTime() - (1 + Math.floor(random() * 89)) * 86_400_000).toISOString().slice(0, 10);
  const row: Record<string, string | number> = {
    event_id_cnty: `IRQ${k}`,
    event_date: day,
    year: day.slice(0, 4),
    time_precision: 1,
    event_type: eventType,
    sub_event_type: sub,
    civilian_targeting: eventType === 'Violence against civilians' ? 'Civilian targeting' : '',
    country: 'Iraq',
    location: 'Generated',
    latitude: (34.2 + random() * 2.5).toFixed(5),
    longitude: (41.8 + random() * 3.7).toFixed(5),
    geo_precision: 1,
    notes: `Generated event ${k} near the coordination line`,
    fatalities: k % 4,
  };
  lines.push(formatCsvRow(acledColumns.map((c) => row[c] ?? '')));
}
writeFileSync(file, lines.join(''));

// Seam with the demo site (line, zone, JCCs, checkpoints, patrols) and Iraq's boundaries.
const store = openStore(join(dir, 'seam.db'));
await loadDemo(store, buildDemoScenario({ seed: 1, asOf: asOf.toISOString() }), () => 'bench-password-unused');
await importBoundaries(store, { path: iraqBoundaryFile(1) }, { level: 1 });
await importBoundaries(store, { path: iraqBoundaryFile(2) }, { level: 2 });
const before = await store.incidents.count();
const t0 = process.hrtime.bigint();
const summary = await importIncidents(store, file, {
  format: 'acled',
  org: 'isf',
  onProgress: (done, total) => progress('importing', done, total),
});
const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (summary.imported !== rows)
  throw new Error(`imported ${summary.imported} of ${rows}: ${JSON.stringify(summary.errors.slice(0, 3))}`);
const side = openDatabase(store.file);
const enriched = Number(
  (
    side.prepare("SELECT count(*) AS n FROM incidents WHERE source = 'acled' AND district IS NOT NULL").get() as {
      n: number;
    }
  ).n,
);
const imported = side.prepare(`SELECT ${incidentColumns.join(', ')} FROM incidents WHERE source = 'acled'`).all();
side.close();
store.close();

// Baseline: the same rows, raw prepared inserts into an empty database, one transaction.
const raw = openStore(join(dir, 'raw.db'));
await addOrganisation(raw, 'isf', 'isf');
const rawDb = openDatabase(raw.file);
const insert = rawDb.prepare(
  `INSERT INTO incidents (${incidentColumns.join(', ')}) VALUES (${incidentColumns.map(() => '?').join(', ')})`,
);
const t1 = process.hrtime.bigint();
rawDb.exec('BEGIN');
// jcc names a centre only the enriched database has; the baseline stores the row without it.
for (const r of imported) {
  insert.run(
    ...incidentColumns.map((c) => (c === 'id' ? newId() : c === 'jcc' ? null : (r[c] as string | number | null))),
  );
}
rawDb.exec('COMMIT');
const rawSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
rawDb.close();
raw.close();

const value = rows / importSeconds;
const baseline = rows / rawSeconds;
emit({
  bench: 'incident_bulk_import_enriched',
  value: Math.round(value),
  unit: 'rows/s',
  baseline: Math.round(baseline),
  ratio: Number((value / baseline).toFixed(3)),
  rows,
  with_district: enriched,
  incidents_before: before,
  note: 'seam import of an ACLED CSV (parse, checks, enrichment, write path with change log and audit) vs raw prepared inserts of the same rows',
});
