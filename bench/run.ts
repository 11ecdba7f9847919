// Runs every bench/*.bench.ts in its own process (so one figure's memory and JIT state do not
// colour the next) and passes their JSON lines through; exits non-zero if any script fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const scripts = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const script of scripts) {
  process.stderr.write(`running ${script}\n`);
  const r = spawnSync(process.execPath, [join(import.meta.dirname, script)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`${script} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed ? 1 : 0);
