import { Worker } from 'node:worker_threads';
import { type ErrorCode, SeamError } from '../domain/errors.ts';
import type { GapReport, GapReportInput } from '../geo/gap-report.ts';
import type { GapJobAnswer } from './gap-worker.ts';

interface Waiting {
  resolve: (r: GapReport) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, Waiting>();

function failAll(error: Error): void {
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
  worker = null;
}

function start(): Worker {
  const w = new Worker(new URL('./gap-worker.ts', import.meta.url));
  w.on('message', (answer: GapJobAnswer) => {
    const job = waiting.get(answer.id);
    waiting.delete(answer.id);
    // An idle analysis thread does not keep a process (a CLI command, a test) alive.
    if (waiting.size === 0) w.unref();
    if (!job) return;
    if ('report' in answer) job.resolve(answer.report);
    else if (answer.error.seam)
      job.reject(new SeamError(answer.error.code as ErrorCode, answer.error.message, answer.error.issues));
    else job.reject(new Error(`gap analysis failed: ${answer.error.message}`));
  });
  w.on('error', (e) => failAll(e));
  w.on('exit', (code) => failAll(new Error(`the gap analysis thread stopped (exit ${code})`)));
  return w;
}

/**
 * The gap report of a plain input, computed on the analysis thread (one, so a 2-core site keeps a core for
 * requests): the caller waits without blocking the event loop. Analyses queue in the order they were asked for.
 */
export function gapReportOffThread(input: GapReportInput): Promise<GapReport> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise<GapReport>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, input });
  });
}
