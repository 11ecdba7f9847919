// How long `npm start` takes on a fresh data directory (migrate, load the demo scenario, listen,
// answer /healthz), against a bare Node process that listens and answers /healthz, spawned the same
// way in the same run. BENCH_START_ROUNDS sets the rounds (default 3).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { emit, median, scratchDir } from './harness.ts';

const rounds = Math.max(1, Number(process.env.BENCH_START_ROUNDS ?? 3));
const cli = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const bare = `require('node:http').createServer((q, r) => r.end('{"status":"ok"}')).listen(0, '127.0.0.1', function () {
  console.log('listening on http://127.0.0.1:' + this.address().port);
});`;
const dir = scratchDir('seam-bench-start-');

/** Milliseconds from spawn to the first 200 from /healthz. */
async function startMs(args: string[]): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited (code ${code}) before listening:\n${out}`)));
    });
    for (;;) {
      const r = await fetch(`${url}/healthz`).catch(() => null);
      if (r?.ok) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const seam: number[] = [];
const baseline: number[] = [];
for (let k = 0; k < rounds; k++) {
  baseline.push(await startMs(['-e', bare]));
  seam.push(await startMs([cli, 'serve', '--port', '0', '--data-dir', join(dir, `fresh-${k}`)]));
}
const value = median(seam);
const base = median(baseline);
emit({
  bench: 'start_fresh_demo',
  value: Math.round(value),
  unit: 'ms',
  baseline: Math.round(base),
  ratio: Number((value / base).toFixed(2)),
  rounds,
  note: 'npm start on a fresh data directory (migrations, demo scenario, listen) until /healthz answers; baseline: a bare Node HTTP server spawned the same way',
});
