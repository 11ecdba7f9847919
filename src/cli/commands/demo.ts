import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoBoundaryFiles } from '../../demo/boundaries.ts';
import { demoGazetteer } from '../../demo/gazetteer.ts';
import { loadDemo } from '../../demo/load.ts';
import { buildDemoScenario } from '../../demo/scenario.ts';
import { importBoundaries } from '../../service/boundaries.ts';
import { reenrichIncidents } from '../../service/incident-reenrich.ts';
import { importPlaces } from '../../service/places.ts';
import { databaseFile, openStore, type Store } from '../../store/store.ts';
import { dataDir, dataDirOption, intOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';

export const credentialsFileName = 'demo-credentials.txt';

/**
 * Loads the demo scenario, its towns and the shipped boundary subset (so its incidents have governorate and district), and writes every demo login to DIR/demo-credentials.txt (mode 0600); returns the file's text. */
async function loadDemoIntoStore(
  store: Store,
  dir: string,
  options: { seed: number; asOf: Date; boundaries?: boolean },
): Promise<string> {
  const scenario = buildDemoScenario({ seed: options.seed, asOf: options.asOf.toISOString() });
  const logins = await loadDemo(store, scenario, () => randomBytes(12).toString('base64url'));
  // The demo's own towns, through the same import (and checks) a site's gazetteer file goes through.
  await importPlaces(store, { text: JSON.stringify(demoGazetteer()) });
  if (options.boundaries !== false) {
    for (const { level, path } of demoBoundaryFiles) await importBoundaries(store, { path }, { level });
    await reenrichIncidents(store, null);
  }
  const text = [
    `# Seam demo logins (synthetic exercise scenario, seed ${options.seed}, as of ${scenario.asOf})`,
    '# username  organisation  roles  password',
    ...logins.map((l) => `${l.username}  ${l.org}  ${l.roles.join(',')}  ${l.password}`),
    '',
  ].join('\n');
  const file = join(dir, credentialsFileName);
  rmSync(file, { force: true });
  writeFileSync(file, text, { mode: 0o600 });
  return text;
}

/**
 * Builds the demo scenario into a file beside DIR's database and swaps it in only when complete, so
 * a failure or a kill midway leaves the old data (or none) rather than half a demo. The database
 * must not be open elsewhere. Returns the database file and the credentials file's text.
 */
export async function buildDemoDatabase(
  dir: string,
  options: { seed: number; asOf: Date; boundaries?: boolean },
): Promise<{ file: string; credentials: string }> {
  mkdirSync(dir, { recursive: true });
  const target = databaseFile(dir);
  const building = `${target}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const store = openStore(building);
  let credentials: string;
  try {
    credentials = await loadDemoIntoStore(store, dir, options);
    await store.checkpoint();
  } finally {
    store.close();
  }
  for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  renameSync(building, target);
  for (const f of [`${building}-wal`, `${building}-shm`]) if (existsSync(f)) rmSync(f);
  return { file: target, credentials };
}

/** Prints one login per organisation (the liaison officer's) and where the rest are. */
export function printCredentials(text: string, dir: string): void {
  const liaisons = text.split('\n').filter((l) => /^[a-z0-9-]+-liaison /.test(l));
  console.log('Demo logins (one per organisation):');
  for (const line of liaisons) {
    const [username, org, , password] = line.split(/\s+/);
    console.log(`  ${org.padEnd(10)} ${username.padEnd(20)} ${password}`);
  }
  console.log(`Every demo login, one per organisation and role: ${join(dir, credentialsFileName)}`);
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'rebuild the data directory with the demo scenario',
  help: `Usage: seam demo [--seed N] [--as-of TIME] [--data-dir DIR]

Replaces the database in DIR with the demo scenario: three organisations, a coordination line
with a 20 km zone, four JCCs, checkpoints and patrols with gaps and a corridor, and 90 days of
incidents before --as-of, a week of coordination up to it (planned activities and their
deconfliction, support requests in every state, alert rules and the alerts they raised), and a
gazetteer of the towns along the line with their Arabic and Central Kurdish names. All of it is synthetic exercise data, marked as such. The same seed
and --as-of give the same scenario. Iraq's governorates and districts along the line are loaded
from the simplified OCHA subset that ships with Seam (CC BY-IGO), so incidents carry governorate
and district. The scenario is built beside the database and swapped in only when complete.
Stop a server using DIR first.

  --seed N          scenario seed (default: 1)
  --as-of TIME      ISO-8601 time the 90 days end at (default: now)
  --no-boundaries   leave the boundaries out (to load a site's own with seam boundaries import)
${dataDirHelp}`,
  async run(argv) {
    const { values } = parse(argv, {
      ...dataDirOption,
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      'no-boundaries': { type: 'boolean' },
    });
    const seed = intOption('seed', values.seed, 0, 2 ** 31 - 1) ?? 1;
    const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
    if (Number.isNaN(asOf.getTime()))
      throw new UsageError(`--as-of must be an ISO-8601 time, got "${values['as-of']}"`);
    const dir = dataDir(values['data-dir']);
    const { file: target, credentials } = await buildDemoDatabase(dir, {
      seed,
      asOf,
      boundaries: !values['no-boundaries'],
    });
    console.log(`demo scenario (seed ${seed}) written to ${target}`);
    printCredentials(credentials, dir);
  },
};
