// The gap analysis's own thread: it computes reports from plain inputs (src/geo), so a long analysis never holds
// up the server's requests. It keeps the prepared zone (projection, edges, H3 study area) while the line is the same.
import { parentPort } from 'node:worker_threads';
import { SeamError } from '../domain/errors.ts';
import { type GapReportInput, gapReport } from '../geo/gap-report.ts';
import { gapZoneKey, type PreparedGapZone, prepareGapZone } from '../geo/gap-zone.ts';

export interface GapJob {
  id: number;
  input: GapReportInput;
}

export type GapJobAnswer =
  | { id: number; report: ReturnType<typeof gapReport> }
  | { id: number; error: { seam: boolean; code: string; message: string; issues: SeamError['issues'] } };

let prepared: PreparedGapZone | null = null;

parentPort?.on('message', ({ id, input }: GapJob) => {
  let answer: GapJobAnswer;
  try {
    if (!prepared || prepared.key !== gapZoneKey(input)) prepared = prepareGapZone(input);
    answer = { id, report: gapReport(input, prepared) };
  } catch (e) {
    answer =
      e instanceof SeamError
        ? { id, error: { seam: true, code: e.code, message: e.message, issues: e.issues } }
        : { id, error: { seam: false, code: 'internal', message: (e as Error)?.message ?? String(e), issues: [] } };
  }
  parentPort?.postMessage(answer);
});
