import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compressFromBytes } from '../src/server/compression.ts';
import { importBoundaries } from '../src/service/boundaries.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { shippedBoundaryFile } from './harness/iraq-data.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body comes back exactly as sent on the wire (fetch would decompress it). */
function raw(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('large JSON answers are gzipped for clients that accept it; small ones and refusing clients get them plain', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer'] });
  await importBoundaries(store, { path: shippedBoundaryFile(2) }, { level: 2 });
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-viewer');
  const url = `${s.url}/api/v1/boundaries?level=2`;

  const plain = await raw(url, { cookie });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.length > compressFromBytes, `the districts answer is ${plain.body.length} bytes`);
  assert.match(String(plain.headers.vary), /accept-encoding/i);

  const zipped = await raw(url, { cookie, 'accept-encoding': 'br, gzip;q=0.8' });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.match(String(zipped.headers.vary), /accept-encoding/i);
  assert.ok(zipped.body.length < plain.body.length / 2, `${zipped.body.length} of ${plain.body.length} bytes`);
  assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));

  const refused = await raw(url, { cookie, 'accept-encoding': 'gzip;q=0, identity' });
  assert.equal(refused.headers['content-encoding'], undefined);
  assert.deepEqual(refused.body, plain.body);

  // Who is signed in (with the session's CSRF token) is small and never compressed.
  const me = await raw(`${s.url}/api/v1/auth/me`, { cookie, 'accept-encoding': 'gzip' });
  assert.equal(me.status, 200);
  assert.equal(me.headers['content-encoding'], undefined);
  assert.ok(JSON.parse(me.body.toString('utf8')).csrf_token);

  // Revalidation still answers 304 with no body.
  const etag = String(plain.headers.etag);
  const again = await raw(url, { cookie, 'accept-encoding': 'gzip', 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
});
