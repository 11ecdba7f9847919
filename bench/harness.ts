import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One benchmark figure, printed as a JSON line. */
export interface Figure {
  bench: string;
  /** null only in a figure that could not be measured here, which then says why in `skipped`. */
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  skipped?: string;
  [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** A scratch directory removed when the process exits (kept, and named on stderr, with BENCH_KEEP=1). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.env.BENCH_KEEP) process.stderr.write(`keeping ${dir}\n`);
  else process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs fn and returns seconds elapsed. */
export function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Seconds an asynchronous function takes. */
export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Draws a progress bar on stderr when it is a terminal (never on stdout, which carries the figures). */
export function progress(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}
