// Every benchmark still runs and prints well-formed figures, at a tiny size: a broken benchmark is
// found here, not on the day its figure is needed. Nothing here looks at how fast anything is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsFullIraqData } from './harness/iraq-data.ts';

const benchDir = join(import.meta.dirname, '..', 'bench');
const tiny: Record<string, string> = {
  BENCH_ROWS: '300',
  BENCH_COMMITS: '10',
  BENCH_INCIDENTS: '2000',
  BENCH_POINTS: '2000',
  BENCH_ALERT_RULES: '100',
  BENCH_SAMPLES: '50',
  BENCH_START_ROUNDS: '1',
  FORECAST_RUNS: '1',
  COT_BENCH_CLIENTS: '10',
  COT_BENCH_SECONDS: '1',
  COT_BENCH_WARMUP: '0.5',
};

for (const script of readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts'))) {
  // A benchmark over the full OCHA boundaries runs where they are (and always in CI), like the tests that need them.
  const needsFull = readFileSync(join(benchDir, script), 'utf8').includes('iraqBoundaryFile(');
  test(`bench/${script} runs and prints JSON figures`, { skip: needsFull && needsFullIraqData }, () => {
    const r = spawnSync(process.execPath, [join(benchDir, script)], {
      env: { ...process.env, ...tiny },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 1);
    for (const line of lines) {
      const figure = JSON.parse(line);
      assert.equal(typeof figure.bench, 'string', line);
      assert.equal(typeof figure.unit, 'string', line);
      for (const k of ['value', 'baseline', 'ratio'])
        assert.ok(Number.isFinite(figure[k]) || figure.skipped, `${k} in ${line}`);
    }
  });
}
