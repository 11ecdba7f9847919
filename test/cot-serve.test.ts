import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protocolOfferType } from '../src/cot/event.ts';
import { httpClient } from './harness/http-client.ts';
import { demoPassword, runSeam, startServe } from './harness/process.ts';
import { sleep, TakClient } from './harness/tak-client.ts';
import { tempDir } from './harness/temp-dir.ts';

test('seam serve --tak-tcp serves TAK clients beside the HTTP server, with their metrics, and closes with it', async (t) => {
  const dir = tempDir(t);
  const server = await startServe(t, dir, { args: ['--tak-tcp', '127.0.0.1:0'] });
  let port = 0;
  for (let i = 0; i < 100 && !port; i++) {
    const m = /TAK clients \(plain TCP\): 127\.0\.0\.1:(\d+)/.exec(server.output());
    if (m) port = Number(m[1]);
    else await sleep(50);
  }
  assert.ok(port > 0, `the TAK listener is announced:\n${server.output()}`);
  const password = demoPassword(dir, 'isf-liaison');
  const client = await TakClient.connect(port, { username: 'isf-liaison', password, uid: 'ANDROID-1' });
  t.after(() => client.close());
  await client.waitFor((e) => e.type === protocolOfferType, 10_000, 'the protocol offer');

  const http = httpClient(server.url);
  const cookie = await http.signIn('isf-liaison', password);
  const metrics = await http.request('GET', '/metrics', { cookie });
  assert.match(metrics.text, /^seam_cot_connections 1$/m);
  assert.match(metrics.text, /^seam_http_requests_total/m);

  const exit = await server.kill('SIGTERM');
  assert.equal(exit.code, 0);
  await client.waitClosed();
});

test('seam serve refuses a --tak-tcp that is not HOST:PORT', async (t) => {
  const r = await runSeam(['serve', '--tak-tcp', '8087', '--no-demo'], { dataDir: tempDir(t) });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /--tak-tcp expects HOST:PORT/);
});
