// The planned-coverage forecast for 7 days (`forecastGaps`: the window's gap with the standing presence, and again
// with the planned activities the reader may see whole) on the demo scenario with its week of coordination (daily
// patrols, operations, the joint operation, checkpoint set-ups), as a ratio to one measured gap analysis of the
// same window (`analyseGaps`) in the same run: what a forecast costs beyond the analysis it is built from.
// Both through the service, as the API calls them (the analysis on its worker thread), for the ISF liaison.
// FORECAST_RUNS runs of each (default 7; p50).
import { join } from 'node:path';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { actorForUser } from '../src/service/actor-for-user.ts';
import { forecastGaps } from '../src/service/gap-forecast.ts';
import { analyseGaps } from '../src/service/gaps.ts';
import { openStore } from '../src/store/store.ts';
import { emit, median, scratchDir, timeAsync } from './harness.ts';

const runs = Math.max(1, Number(process.env.FORECAST_RUNS ?? 7));
const asOf = '2026-11-23T12:00:00.000Z';
const days = 7;

const store = openStore(join(scratchDir('seam-forecast-bench-'), 'seam.db'));
const loadS = await timeAsync(() => loadDemo(store, buildDemoScenario({ seed: 1, asOf }), () => 'bench-password-0001'));
const actor = await actorForUser(store, 'isf-liaison');
// The forecast window starts a day before asOf, so the week's daily patrols, the operations to come and the joint
// operation all fall in it.
const from = new Date(Date.parse(asOf) - 86_400_000).toISOString();
const to = new Date(Date.parse(from) + days * 86_400_000).toISOString();
const options = { hotspots: false as const, recommendations: false as const };

// One of each first: the worker thread started and warm, the answer checked.
const first = await forecastGaps(store, actor, { from, days });
if (first.planned_activities.length === 0) throw new Error('the demo week planned nothing in the forecast window');
await analyseGaps(store, actor, { from, to, options });

const forecastMs: number[] = [];
const analysisMs: number[] = [];
for (let k = 0; k < runs; k++) {
  analysisMs.push((await timeAsync(() => analyseGaps(store, actor, { from, to, options }))) * 1000);
  forecastMs.push((await timeAsync(() => forecastGaps(store, actor, { from, days }))) * 1000);
}
const value = median(forecastMs);
const baseline = median(analysisMs);
emit({
  bench: 'gap_forecast_7d',
  value: Math.round(value * 10) / 10,
  unit: 'ms',
  baseline: Math.round(baseline * 10) / 10,
  ratio: Math.round((value / baseline) * 100) / 100,
  baseline_is: 'analyseGaps of the same 7-day window (p50)',
  planned_activities: first.planned_activities.length,
  closes_km2: first.closes_km2,
  runs,
  demo_load_s: Math.round(loadS * 100) / 100,
});
store.close();
