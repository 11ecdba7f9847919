import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { resolveWebPath } from '../src/server/routes/web-app.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { tempDir } from './harness/temp-dir.ts';

const canary = 'CANARY-OUTSIDE-THE-WEB-ROOT';
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';
const appJs = `console.log(${JSON.stringify('x'.repeat(2000))});`;

/** A built web app in a temporary directory, with a secret file beside it (not under it). */
function builtApp(t: { after(fn: () => void): void }): { root: string; files: Map<string, Buffer> } {
  const base = tempDir(t);
  writeFileSync(join(base, 'secret.txt'), canary);
  writeFileSync(join(base, 'index.html.secret'), canary);
  const root = join(base, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  const files = new Map<string, Buffer>([
    ['index.html', Buffer.from(indexHtml)],
    ['favicon.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['assets/index-AbC123.js', Buffer.from(appJs)],
    ['assets/index-AbC123.js.map', Buffer.from('{"version":3}')],
    ['assets/index-Xy9.css', Buffer.from('body{margin:0}')],
    ['assets/style.json', Buffer.from('{"version":8}')],
    ['assets/logo-L1.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['assets/marker-M2.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['assets/font-F3.woff2', Buffer.from('wOF2')],
    ['assets/geos-G4.wasm', Buffer.from([0, 0x61, 0x73, 0x6d])],
  ]);
  for (const [name, body] of files) writeFileSync(join(root, name), body);
  writeFileSync(join(root, 'assets/index-AbC123.js.gz'), gzipSync(appJs));
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets/link-S5.js'));
  return { root, files };
}

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request with the path sent exactly as given: no URL normalisation as fetch would do. */
function raw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

test('the web app: index for the app routes, hashed assets cached and gzipped, nothing outside the root', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const { root, files } = builtApp(t);
  const s = await startServer(t, store, { webRoot: root });
  const get = (path: string, headers: Record<string, string> = {}) => raw(s.url, path, headers);

  await t.test('/ and client-side routes answer index.html, never cached, under the page CSP', async () => {
    const cookie = await s.signIn('isf-viewer');
    for (const path of ['/', '/incidents/0192a3b4-0000-7000-8000-000000000000', '/gaps', '/map?x=1']) {
      const r = await get(path, { ...html, cookie });
      assert.equal(r.status, 200, path);
      assert.equal(r.body.toString(), indexHtml, path);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(r.headers['cache-control'], 'no-cache');
      assert.equal(r.headers['set-cookie'], undefined, 'the app is served without touching the session');
      const csp = String(r.headers['content-security-policy']);
      for (const directive of [
        "script-src 'self'",
        "worker-src 'self' blob:",
        'child-src blob:',
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "style-src 'self' 'unsafe-inline'",
      ])
        assert.ok(csp.split('; ').includes(directive), `${directive} in ${csp}`);
      assert.ok(!/script-src[^;]*unsafe-inline/.test(csp), 'no inline scripts');
    }
    assert.equal((await get('/', { accept: '*/*' })).status, 200, '/ whatever is accepted');
  });

  await t.test('not HTML, the API, or a missing file: the JSON 404', async () => {
    for (const [path, headers] of [
      ['/gaps', { accept: 'application/json' }],
      ['/api/v1/nothing', html],
      ['/api', html],
      ['/assets/missing-Zz.js', {}],
      ['/assets/', html],
      ['/missing.png', html],
    ] as const) {
      const r = await get(path, headers);
      assert.equal(r.status, 404, path);
      const body = JSON.parse(r.body.toString());
      assert.equal(body.error.code, 'not_found', path);
      assert.ok(body.error.request_id);
    }
    const unknownApi = await s.request('GET', '/api/v1/nothing');
    assert.equal(unknownApi.body.error.message, 'no route GET /api/v1/nothing');
    assert.equal((await s.request('POST', '/gaps', { json: {} })).status, 404);
  });

  await t.test('assets: content type by extension, a year immutable, gzip when accepted and built', async () => {
    const types: Record<string, string> = {
      'assets/index-AbC123.js': 'text/javascript; charset=utf-8',
      'assets/index-AbC123.js.map': 'application/json; charset=utf-8',
      'assets/index-Xy9.css': 'text/css; charset=utf-8',
      'assets/style.json': 'application/json; charset=utf-8',
      'assets/logo-L1.svg': 'image/svg+xml',
      'assets/marker-M2.png': 'image/png',
      'assets/font-F3.woff2': 'font/woff2',
      'assets/geos-G4.wasm': 'application/wasm',
    };
    for (const [name, type] of Object.entries(types)) {
      const r = await get(`/${name}`);
      assert.equal(r.status, 200, name);
      assert.equal(r.headers['content-type'], type, name);
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', name);
      assert.equal(r.headers['content-encoding'], undefined, name);
      assert.deepEqual(r.body, files.get(name), name);
    }
    const gz = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'accept-encoding');
    assert.equal(gz.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.ok(gz.body.length < appJs.length, 'the compressed copy is sent');
    assert.equal(gunzipSync(gz.body).toString(), appJs);

    const refused = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip;q=0, identity' });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(refused.headers.vary, 'accept-encoding');
    assert.equal(refused.body.toString(), appJs);

    const noCopy = await get('/assets/index-Xy9.css', { 'accept-encoding': 'gzip' });
    assert.equal(noCopy.headers['content-encoding'], undefined, 'no .gz built: sent as is');

    const head = await raw(s.url, '/assets/index-AbC123.js', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);

    const favicon = await get('/favicon.svg', html);
    assert.equal(favicon.status, 200);
    assert.equal(favicon.headers['content-type'], 'image/svg+xml');
    assert.equal(favicon.headers['cache-control'], 'no-cache', 'not content-hashed');
  });

  await t.test('traversal, encoded separators, NUL, hidden and compressed files, links out: all refused', async () => {
    for (const path of [
      '/assets/../secret.txt',
      '/assets/../../secret.txt',
      '/../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/assets/index-AbC123.js%00.png',
      '/assets/index-AbC123.js.gz',
      '/assets/.htaccess',
      '/assets/link-S5.js',
      '/index.html.secret/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '//etc/passwd',
      '/assets//etc/passwd',
    ]) {
      const r = await get(path, html);
      assert.ok(!r.body.toString().includes(canary), `${path} leaked the secret`);
      assert.ok(r.status === 404 || (r.status === 200 && r.body.toString() === indexHtml), `${path}: ${r.status}`);
    }
  });

  await t.test('property: no request path ever reads a file outside the root', async () => {
    const token = fc.constantFrom(
      '..',
      '.',
      '/',
      '//',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '%00',
      '%252e',
      'secret.txt',
      'assets',
      'index.html',
      'index-AbC123.js',
      'link-S5.js',
      'web',
      '.gz',
      ';',
      '~',
      'a',
    );
    const path = fc.array(token, { maxLength: 12 }).map((parts) => `/${parts.join('')}`);
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('/assets/', '/', '/api/'), async (p, prefix) => {
        const r = await get(prefix + p.slice(1), html);
        assert.ok(!r.body.toString().includes(canary), `${prefix}${p} leaked the secret`);
        if (r.status === 200) {
          const body = r.body.toString();
          assert.ok(
            [...files.values()].some((f) => f.toString() === body),
            `${prefix}${p} served a file of the build`,
          );
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.oneof(path, fc.string({ unit: 'binary', maxLength: 60 })), (p) => {
        const file = resolveWebPath(root, p);
        if (file === null) return;
        const rel = relative(resolve(root), file);
        assert.ok(file.startsWith(resolve(root) + sep) && !rel.startsWith('..') && rel !== '', `${p} → ${file}`);
      }),
      { numRuns: 5000 },
    );
  });
});

test('without a build, / answers the start page and says how to build the app', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  const s = await startServer(t, store, { webRoot: join(tempDir(t), 'not-built') });
  const r = await s.request('GET', '/', { headers: html });
  assert.equal(r.status, 200);
  assert.match(String(r.headers.get('content-type')), /^text\/html/);
  assert.match(r.text, /href="\/api\/docs"/);
  assert.match(r.text, /npm run build:web/);
  assert.match(r.text, /incident reports/);
  assert.doesNotMatch(r.text, /deconfliction|support request/i, 'the start page promises nothing Seam does not do');
  assert.equal((await s.request('GET', '/assets/index-AbC123.js')).status, 404);
});
