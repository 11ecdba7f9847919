// Each layer rule in biome.json, tried on a planted file in a temporary copy of the configuration:
// the rule must fail with its reason, and the import the layer picture allows must pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';

const root = resolve(import.meta.dirname, '..');
const biome = join(root, 'node_modules/.bin/biome');
const dir = mkdtempSync(join(tmpdir(), 'seam-layer-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
delete config.$schema;
writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));

/** Lints one planted file importing `specifier`; returns Biome's exit status and output. */
function lintPlanted(file: string, specifier: string): { status: number | null; output: string } {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `import type { Planted } from '${specifier}';\n\nexport type Reexported = Planted;\n`);
  const run = spawnSync(biome, ['lint', '--colors=off', file], { cwd: dir, encoding: 'utf8' });
  rmSync(path);
  return { status: run.status, output: run.stdout + run.stderr };
}

const violations: Array<[file: string, specifier: string, reason: string]> = [
  ['src/domain/planted.ts', '../geo/gap-zone.ts', 'geo may use domain, never the reverse'],
  ['src/domain/planted.ts', 'node:fs', 'must not do I/O'],
  ['src/geo/planted.ts', '../store/store.ts', 'domain and geo are pure'],
  ['src/geo/planted.ts', 'node:sqlite', 'must not do I/O'],
  ['src/access/planted.ts', '../service/incidents.ts', 'access decides what a reader may see'],
  ['src/store/planted.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  ['src/store/planted.ts', '../service/incidents.ts', 'the store keeps records'],
  ['src/store/sqlite/planted.ts', '../../access/policy.ts', 'the SQLite store implements'],
  ['src/bus/planted.ts', '../store/store.ts', 'the bus only carries committed changes'],
  ['src/service/planted.ts', '../server/app.ts', 'an adapter calls the service'],
  ['src/service/planted.ts', '../io/csv.ts', 'the service takes parsed values'],
  ['src/service/planted.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  ['src/server/routes/planted.ts', '../../store/change-log.ts', 'routes are thin'],
  ['src/server/routes/planted.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  // Every route, without exception: the ones that once read the store directly included.
  ['src/server/routes/boundaries.ts', '../../store/store.ts', 'routes are thin'],
  ['src/server/routes/reference.ts', '../../store/jccs.ts', 'routes are thin'],
  ['src/server/routes/system.ts', '../../store/change-log.ts', 'routes are thin'],
  ['src/server/live/planted.ts', '../../cli/main.ts', 'the server is one adapter among several'],
  ['src/io/planted.ts', '../store/store.ts', 'io parses and writes file formats'],
  ['src/cli/planted.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  ['src/cli/commands/backup.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  ['src/cli/planted.ts', '../web/app.tsx', 'the web app is built for the browser'],
  ['src/demo/planted.ts', 'node:sqlite', 'only src/store/sqlite knows SQLite'],
  ['src/web/planted.ts', '../server/presenters/incident.ts', 'talks to the server only over HTTP'],
  ['src/web/map/planted.ts', 'node:fs', 'no Node modules'],
];

for (const [file, specifier, reason] of violations) {
  test(`${file} may not import ${specifier}`, () => {
    const { status, output } = lintPlanted(file, specifier);
    assert.notEqual(status, 0, output);
    assert.match(output, /noRestrictedImports/, output);
    assert.ok(output.includes(reason), `expected "${reason}" in:\n${output}`);
  });
}

const allowed: Array<[file: string, specifier: string]> = [
  ['src/geo/planted.ts', '../domain/presence.ts'],
  ['src/store/sqlite/planted.ts', 'node:sqlite'],
  ['src/server/routes/planted.ts', '../../service/incidents.ts'],
  ['src/server/live/planted.ts', '../../store/change-log.ts'],
  ['src/service/planted.ts', '../store/store.ts'],
  ['src/web/planted.ts', '../domain/taxonomy.ts'],
  ['src/io/planted.ts', '../domain/incident.ts'],
];

for (const [file, specifier] of allowed) {
  test(`${file} may import ${specifier}`, () => {
    const { status, output } = lintPlanted(file, specifier);
    assert.equal(status, 0, output);
  });
}
