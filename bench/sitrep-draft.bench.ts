// A daily SITREP of JCC k1 for its partners on the demo scenario with BENCH_INCIDENTS (default 1,000,000) more
// incidents spread over the year before it, through the service as the API and the schedule draft it
// (`computeSitrepContent`: incidents against the previous day, the gap with hotspots and checkpoints, the 30-day
// daily trend, next day's forecast, coordination, highlights). Figures, each as a ratio to one gap analysis of the
// same day as the same audience reader (`analyseGaps`, the analysis the report's gap section starts from), measured
// in the same run:
//  - sitrep_draft: p50 of BENCH_SAMPLES drafts (default 5; goal ≤ 2 s);
//  - sitrep_pdf: p50 of printing its Arabic PDF with Chromium (goal ≤ 3 s); skipped where no Chromium is found.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { accessFacts } from '../src/access/facts.ts';
import { audienceOrgs } from '../src/access/policy.ts';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import type { Sitrep } from '../src/domain/sitrep.ts';
import { chromiumExecutable, closePdfRenderer } from '../src/report/pdf.ts';
import { renderSitrepPdf } from '../src/report/sitrep-pdf.ts';
import { analyseGaps } from '../src/service/gaps.ts';
import { audienceReader, computeSitrepContent } from '../src/service/sitrep-content.ts';
import { openStore } from '../src/store/store.ts';
import { emit, median, scratchDir, timeAsync } from './harness.ts';
import { insertSyntheticIncidents, seededRandom } from './synthetic-incidents.ts';

const total = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const samples = Math.max(1, Math.min(9, Number(process.env.BENCH_SAMPLES ?? 5)));
const asOf = '2026-11-23T04:00:00.000Z';
const dayMs = 86_400_000;

const store = openStore(join(scratchDir('seam-sitrep-bench-'), 'seam.db'));
await loadDemo(store, buildDemoScenario({ seed: 1, asOf }), () => 'bench-password-0001');
insertSyntheticIncidents(store, {
  count: total,
  random: seededRandom(7),
  yearFrom: Date.parse(asOf) - 365 * dayMs,
  jccs: ['k1'],
  tearlines: true,
  label: 'incidents',
});
const jcc = (await store.jccs.find('k1'))!;
const scope = {
  jcc,
  periodFrom: new Date(Date.parse(asOf) - dayMs).toISOString(),
  periodTo: asOf,
  originatorOrg: 'isf',
  audience: { scope: 'partners' as const },
};
const reader = audienceReader(
  'isf',
  audienceOrgs(scope.audience, { ownerOrg: 'isf', jcc: 'k1' }, await accessFacts(store)),
);
const day = { from: scope.periodFrom, to: scope.periodTo };

// One of each first: the analysis thread started and warm.
let content = await computeSitrepContent(store, scope);
await analyseGaps(store, reader, day);
const draftMs: number[] = [];
const analysisMs: number[] = [];
for (let k = 0; k < samples; k++) {
  analysisMs.push((await timeAsync(() => analyseGaps(store, reader, day))) * 1000);
  draftMs.push(
    (await timeAsync(async () => {
      content = await computeSitrepContent(store, scope);
    })) * 1000,
  );
}
const baseline = median(analysisMs);
const value = median(draftMs);
emit({
  bench: 'sitrep_draft',
  value: Math.round(value),
  unit: 'ms',
  baseline: Math.round(baseline),
  ratio: Number((value / baseline).toFixed(2)),
  incidents: total,
  period_incidents: content.incidents.total.count,
  goal_ms: 2000,
});

const sitrep: Sitrep = {
  id: '00000000-0000-7000-8000-000000000000',
  jcc: 'k1',
  number: 1,
  periodFrom: scope.periodFrom,
  periodTo: scope.periodTo,
  originatorOrg: 'isf',
  audience: scope.audience,
  state: 'released',
  content,
  assessment: 'Benchmark assessment.',
  intentions: 'Benchmark intentions.',
  corrects: null,
  correctsNumber: null,
  correctionNote: null,
  nextDue: new Date(Date.parse(asOf) + dayMs).toISOString(),
  releasedAt: asOf,
  releasedBy: 'isf-analyst',
  createdBy: null,
  createdAt: asOf,
  updatedAt: asOf,
  version: 2,
};
if (!existsSync(chromiumExecutable())) {
  emit({
    bench: 'sitrep_pdf',
    value: null,
    unit: 'ms',
    baseline: Math.round(baseline),
    ratio: null,
    skipped: `no Chromium at ${chromiumExecutable()}`,
  });
} else {
  await renderSitrepPdf(sitrep, 'ar');
  const pdfMs: number[] = [];
  for (let k = 0; k < samples; k++) pdfMs.push((await timeAsync(() => renderSitrepPdf(sitrep, 'ar'))) * 1000);
  const pdf = median(pdfMs);
  emit({
    bench: 'sitrep_pdf',
    value: Math.round(pdf),
    unit: 'ms',
    baseline: Math.round(baseline),
    ratio: Number((pdf / baseline).toFixed(2)),
    goal_ms: 3000,
  });
  await closePdfRenderer();
}
store.close();
process.exit(0);
