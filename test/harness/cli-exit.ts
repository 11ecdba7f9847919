import assert from 'node:assert/strict';
import type { RunResult } from './process.ts';

/** Asserts a `seam` run's exit code; a failure must explain itself in exactly one line on stderr. */
export function assertExit(r: RunResult, code: number, stderr?: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  if (stderr) assert.match(r.stderr.trimEnd(), stderr);
  if (code !== 0) assert.equal(r.stderr.trim().split('\n').length, 1, `one line of reason: ${r.stderr}`);
}

/** The JSON lines a `seam … --json` run printed. */
// biome-ignore lint/suspicious/noExplicitAny: tests read JSON output untyped and assert on its shape
export function jsonLines(r: RunResult): any[] {
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}
