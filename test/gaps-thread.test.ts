// A gap analysis runs on its own thread: while one is computed, the server goes on answering other requests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDemoServer } from './harness/demo-server.ts';

test('the server answers other requests while a gap analysis is computed', async (t) => {
  const { server } = await startDemoServer(t);
  const cookie = await server.signIn('isf-analyst');
  const to = new Date().toISOString();
  const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
  const order: string[] = [];
  const answered =
    (name: string) =>
    <R>(r: R): R => {
      order.push(name);
      return r;
    };
  const started = Date.now();
  // A heavy analysis: 90 days, hotspots on fine H3 cells (resolution 9) over the whole zone.
  const analysis = server
    .request('GET', `/api/v1/gaps?from=${from}&to=${to}&resolution=9`, { cookie })
    .then(answered('gaps'));
  await new Promise((r) => setTimeout(r, 100));
  const others = await Promise.all([
    server.request('GET', '/healthz').then(answered('healthz')),
    server.request('GET', '/api/v1/incidents?limit=5', { cookie }).then(answered('incidents')),
  ]);
  for (const r of others) assert.equal(r.status, 200, r.text);
  const report = await analysis;
  assert.equal(report.status, 200, report.text);
  assert.ok(report.body.hotspots.study_cells > 0);
  t.diagnostic(`the analysis took ${Date.now() - started} ms`);
  assert.deepEqual(order.slice(-1), ['gaps'], `answered in the order ${order.join(', ')}`);

  // An analysis error still comes back as the API's error.
  const bad = await server.request('GET', `/api/v1/gaps?from=${to}&to=${from}`, { cookie });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.text, /"field":"to"/);
});
