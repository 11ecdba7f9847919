import { join } from 'node:path';
import { demoGazetteer } from '../../src/demo/gazetteer.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { buildDemoScenario } from '../../src/demo/scenario.ts';
import type { AppOptions } from '../../src/server/app.ts';
import { importBoundaries } from '../../src/service/boundaries.ts';
import { reenrichIncidents } from '../../src/service/incident-reenrich.ts';
import { importPlaces } from '../../src/service/places.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { startServer, type TestServer, testPassword } from './fixture.ts';
import { shippedBoundaryFile } from './iraq-data.ts';
import { tempDir } from './temp-dir.ts';

/**
 * The demo scenario (seed 1, as of now) with its towns and Iraq's governorates and districts loaded, behind a real server on a
 * free port. Every demo user (`<org>-<role>`) has `testPassword`. With `week: false` the demo's
 * ground comes without its week of coordination: the only plans, requests and alert rules are a test's own.
 */
export async function startDemoServer(
  t: { after(fn: () => void | Promise<void>): void },
  options: AppOptions = {},
  demo: { week?: boolean } = {},
): Promise<{ server: TestServer; store: Store }> {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'seam.db'));
  t.after(() => store.close());
  const scenario = buildDemoScenario({ seed: 1, asOf: new Date().toISOString() });
  const week = demo.week === false ? { coordination: { steps: [] } } : {};
  await loadDemo(store, { ...scenario, ...week }, () => testPassword);
  await importPlaces(store, { text: JSON.stringify(demoGazetteer()) });
  for (const level of [1, 2] as const) await importBoundaries(store, { path: shippedBoundaryFile(level) }, { level });
  await reenrichIncidents(store, null);
  const server = await startServer(t, store, options);
  return { server, store };
}
