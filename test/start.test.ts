import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import { httpClient } from './harness/http-client.ts';
import { demoCredentialsFile, readDemoCredentials, startServe } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

// How long this takes is measured in bench/start.bench.ts, never asserted here.
const liaisons = ['isf-liaison', 'peshmerga-liaison', 'coalition-liaison'];

test('npm start on a fresh data directory: demo loaded, API, docs and metrics served', async (t) => {
  const dir = tempDir(t);
  const started = performance.now();
  // What `npm start` runs (node src/cli/main.ts serve), on a free port.
  const server = await startServe(t, dir);
  const http = httpClient(server.url);
  const health = await http.request('GET', '/healthz');
  const elapsed = performance.now() - started;
  t.diagnostic(`healthy ${Math.round(elapsed)} ms after spawn`);
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');
  assert.ok(health.body.change_log_seq > 0);

  assert.equal(statSync(demoCredentialsFile(dir)).mode & 0o777, 0o600);
  const logins = readDemoCredentials(dir);
  const cookies = new Map<string, string>();

  await t.test('each organisation’s liaison signs in and sees demo incidents', async () => {
    for (const username of liaisons) {
      const login = logins.get(username);
      assert.ok(login, `${username} is in the credentials file`);
      assert.match(server.output(), new RegExp(`${username}\\s+${login.password}`), 'printed at start');
      cookies.set(username, await http.signIn(username, login.password));
      const page = await http.request('GET', '/api/v1/incidents?limit=1000', { cookie: cookies.get(username) });
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length > 0, `${username} sees incidents`);
      assert.ok(page.body.items.every((i: { exercise: boolean }) => i.exercise === true));
    }
  });

  await t.test('paging with the cursor reaches at least 300 distinct incidents', async () => {
    const ids = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await http.request('GET', `/api/v1/incidents?limit=100${query}`, {
        cookie: cookies.get('isf-liaison'),
      });
      assert.equal(page.status, 200, page.text);
      for (const i of page.body.items) ids.add(i.id);
      cursor = page.body.next;
      assert.ok(++pages <= 100, 'paging ends');
    } while (cursor);
    t.diagnostic(`isf-liaison pages through ${ids.size} incidents in ${pages} pages`);
    assert.ok(ids.size >= 300, `${ids.size} distinct incidents over ${pages} pages`);
  });

  await t.test('OpenAPI 3.1 document, API docs and home page', async () => {
    const spec = await http.request('GET', '/api/v1/openapi.json');
    assert.equal(spec.status, 200);
    assert.match(spec.body.openapi, /^3\.1\./);
    assert.ok(spec.body.paths['/api/v1/incidents'], 'documents /api/v1/incidents');

    const docs = await fetch(`${server.url}/api/docs/`, { redirect: 'follow' });
    assert.equal(docs.status, 200);
    assert.match(docs.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await docs.text(), /<html/i);

    // The web app once `npm run build:web` has built it, a start page before.
    const home = await http.request('GET', '/');
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(home.headers.get('cache-control'), 'no-cache');
    if (!home.text.includes('type="module"')) assert.match(home.text, /href="\/api\/docs/);
  });

  await t.test('metrics need a session and report requests and the change log', async () => {
    assert.equal((await http.request('GET', '/metrics')).status, 401);
    const metrics = await http.request('GET', '/metrics', { cookie: cookies.get('isf-liaison') });
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^seam_http_requests_total\{/m);
    const seq = /^seam_change_log_seq (\d+)$/m.exec(metrics.text);
    assert.ok(seq && Number(seq[1]) >= health.body.change_log_seq, 'seam_change_log_seq is reported');
  });
});
