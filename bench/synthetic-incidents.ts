// Synthetic incidents for the read benchmarks: seeded (every run measures the same data), over the coordination
// line's area, loaded with raw prepared inserts (rows, R*Tree and full-text index as the write path leaves them)
// since those figures are about reading; the write path has its own benchmarks.
import { incidentTypeCodes } from '../src/domain/taxonomy.ts';
import { addOrganisation } from '../src/service/organisations.ts';
import { newId } from '../src/store/ids.ts';
import { openDatabase } from '../src/store/sqlite/database.ts';
import { incidentColumns } from '../src/store/sqlite/incident-rows.ts';
import type { Store } from '../src/store/store.ts';
import { progress } from './harness.ts';

/** The area of the coordination line: west, south, east, north. */
export const lineArea = [41.8, 34.2, 45.5, 36.7] as const;
export const benchOrgs = ['isf', 'peshmerga', 'coalition'];
/** Most records are shared with partners; some stay with their owner. */
const scopes = ['partners', 'partners', 'partners', 'coalition', 'org'];
const yearMs = 365 * 86_400_000;

/** A seeded uniform random number generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticIncidents {
  count: number;
  random: () => number;
  /** The year the incident times fall in starts here (ms since the epoch). */
  yearFrom: number;
  /** How long that span is, if not a year (ms). */
  spanMs?: number;
  /** The JCC codes incidents are spread over. */
  jccs: readonly string[];
  /** Half the owner-only records carry a coalition tearline. */
  tearlines: boolean;
  /** Shown on the progress bar. */
  label?: string;
}

/** Inserts `count` incidents, uniform over the line's area and a year, types, owners and releasability mixed. */
export function insertSyntheticIncidents(store: Store, o: SyntheticIncidents): void {
  const [west, south, east, north] = lineArea;
  const columns = incidentColumns;
  // A connection of its own: the store's repositories have no bulk loader, and these rows skip the write path on purpose.
  const db = openDatabase(store.file);
  const insert = db.prepare(
    `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING rid`,
  );
  const insertBox = db.prepare(
    'INSERT INTO incidents_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  const random = o.random;
  const batch = 50_000;
  for (let done = 0; done < o.count; done += batch) {
    db.exec('BEGIN');
    for (let k = done; k < Math.min(o.count, done + batch); k++) {
      const lon = west + random() * (east - west);
      const lat = south + random() * (north - south);
      const time = new Date(o.yearFrom + random() * (o.spanMs ?? yearMs)).toISOString();
      const type = incidentTypeCodes[Math.floor(random() * incidentTypeCodes.length)];
      const jcc = o.jccs.length === 1 ? o.jccs[0] : o.jccs[Math.floor(random() * o.jccs.length)];
      const scope = scopes[k % scopes.length];
      const row: Record<string, string | number | null> = {
        id: newId(),
        type,
        time,
        time_precision: 'day',
        lon,
        lat,
        location_precision: 'exact',
        place: null,
        narrative: `Bench incident ${k}: movement reported near the line`,
        casualties: '{"forces":[],"civilians":{"killed":0,"wounded":1,"abducted":0}}',
        grading: 'C3',
        releasability: scope,
        tearline:
          o.tearlines && scope === 'org' && k % 2 === 0
            ? '{"releasability":"coalition","summary":"Activity near the line"}'
            : null,
        verification: 'reported',
        owner_org: benchOrgs[k % benchOrgs.length],
        jcc,
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
    db.exec('COMMIT');
    progress(o.label ?? 'loading', Math.min(o.count, done + batch), o.count);
  }
  db.exec('ANALYZE');
  db.close();
}

/** The three organisations and one JCC `k1`, with the given members, whose AOR is the whole line area. */
export async function addBenchSite(store: Store, jccMembers: readonly string[]): Promise<void> {
  const [west, south, east, north] = lineArea;
  for (const code of benchOrgs) await addOrganisation(store, code, code);
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
  await store.write(null, (tx) =>
    tx.jccs.insert({
      id: newId(),
      code: 'k1',
      name: 'K1',
      aor,
      members: [...jccMembers],
      createdAt: tx.at,
      updatedAt: tx.at,
    }),
  );
}
