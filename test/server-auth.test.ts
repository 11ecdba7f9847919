import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApiToken } from '../src/service/auth.ts';
import { disableUser } from '../src/service/users.ts';
import { createFixture, startServer, testPassword } from './harness/fixture.ts';
import { withRawSql } from './harness/raw-sql.ts';

const report = { type: 'ied', time: '2026-01-01T10:00:00Z', lon: 44.39, lat: 35.47 };

test('authentication and roles', async (t) => {
  const { store } = await createFixture(t);
  const s = await startServer(t, store);

  await t.test('every API route but login, healthz and the docs needs a user', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/incidents'],
      ['GET', '/api/v1/incidents/01a20878-94c5-7000-bf81-76f465678735'],
      ['POST', '/api/v1/incidents'],
      ['GET', '/api/v1/organisations'],
      ['GET', '/api/v1/jccs'],
      ['GET', '/api/v1/lines'],
      ['GET', '/api/v1/presence'],
      ['GET', '/api/v1/taxonomy'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/auth/logout'],
      ['GET', '/metrics'],
    ]) {
      const r = await s.request(method, path, method === 'POST' ? { json: {} } : {});
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.equal(r.body.error.code, 'unauthenticated');
    }
    assert.equal((await s.request('GET', '/healthz')).status, 200);
    assert.equal((await s.request('GET', '/api/v1/openapi.json')).status, 200);
    assert.equal((await s.request('GET', '/api/docs/')).status, 200);
  });

  await t.test('a wrong password and an unknown user get the same answer, and both are audited', async () => {
    const failures = () =>
      Number(
        (
          withRawSql(store, (db) =>
            db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.failure'").get(),
          ) as { n: number }
        ).n,
      );
    const auditBefore = failures();
    const wrong = await s.request('POST', '/api/v1/auth/login', {
      json: { username: 'isf-viewer', password: 'not-the-password' },
    });
    const unknown = await s.request('POST', '/api/v1/auth/login', {
      json: { username: 'nobody', password: 'not-the-password' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.message, unknown.body.error.message);
    const auditAfter = failures();
    assert.equal(auditAfter, auditBefore + 2);
  });

  await t.test('the session cookie is HttpOnly and SameSite=Strict, and logout ends it', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', {
      json: { username: 'isf-viewer', password: testPassword },
    });
    assert.equal(r.status, 200);
    const setCookie = String(r.headers.get('set-cookie'));
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0];
    const me = await s.request('GET', '/api/v1/auth/me', { cookie });
    assert.equal(me.body.username, 'isf-viewer');
    assert.equal(me.body.csrf_token, r.body.csrf_token);
    const headers = { 'x-csrf-token': r.body.csrf_token };
    assert.equal((await s.request('POST', '/api/v1/auth/logout', { cookie, json: {}, headers })).status, 200);
    assert.equal((await s.request('GET', '/api/v1/auth/me', { cookie })).status, 401);
  });

  await t.test('a role without the permission gets 403', async () => {
    const viewer = await s.signIn('isf-viewer');
    const r = await s.request('POST', '/api/v1/incidents', { cookie: viewer, json: report });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'forbidden');
    const reporter = await s.signIn('isf-reporter');
    assert.equal((await s.request('GET', '/api/v1/users', { cookie: reporter })).status, 403);
    assert.equal((await s.request('POST', '/api/v1/incidents', { cookie: reporter, json: report })).status, 201);
  });

  await t.test('bearer tokens: unknown → 401, read scope cannot write, write scope can', async () => {
    assert.equal((await s.request('GET', '/api/v1/incidents', { bearer: 'seam_not-a-real-token-at-all' })).status, 401);
    assert.equal(
      (await s.request('GET', '/api/v1/incidents', { headers: { authorization: 'Basic abc' } })).status,
      401,
    );
    const read = (await createApiToken(store, null, 'isf-reporter', 'read', null)).token;
    const write = (await createApiToken(store, null, 'isf-reporter', 'write', 30)).token;
    assert.equal((await s.request('GET', '/api/v1/incidents', { bearer: read })).status, 200);
    assert.equal((await s.request('POST', '/api/v1/incidents', { bearer: read, json: report })).status, 403);
    assert.equal((await s.request('POST', '/api/v1/incidents', { bearer: write, json: report })).status, 201);
    const stored = withRawSql(store, (db) => db.prepare('SELECT token_hash FROM api_tokens').all()).map((r) =>
      String(r.token_hash),
    );
    assert.ok(!stored.includes(read) && !stored.includes(write), 'tokens are stored hashed');
  });

  await t.test('a disabled user loses sessions and tokens at once', async () => {
    const cookie = await s.signIn('other-reporter');
    const token = (await createApiToken(store, null, 'other-reporter', 'read', null)).token;
    await disableUser(store, null, 'other-reporter');
    assert.equal((await s.request('GET', '/api/v1/incidents', { cookie })).status, 401);
    assert.equal((await s.request('GET', '/api/v1/incidents', { bearer: token })).status, 401);
    const again = await s.request('POST', '/api/v1/auth/login', {
      json: { username: 'other-reporter', password: testPassword },
    });
    assert.equal(again.status, 401);
  });

  await t.test('a cookie-authenticated write needs the CSRF token, JSON and our own origin', async () => {
    const cookie = await s.signIn('isf-reporter');
    const csrf = (await s.request('GET', '/api/v1/auth/me', { cookie })).body.csrf_token as string;
    const post = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { cookie, ...headers },
        body: JSON.stringify(report),
      });
    assert.equal((await post({ 'content-type': 'application/json' })).status, 403, 'no token');
    assert.equal(
      (await post({ 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(43) })).status,
      403,
      'wrong token',
    );
    const other = await s.signIn('peshmerga-reporter');
    const otherCsrf = (await s.request('GET', '/api/v1/auth/me', { cookie: other })).body.csrf_token as string;
    assert.equal(
      (await post({ 'content-type': 'application/json', 'x-csrf-token': otherCsrf })).status,
      403,
      "another session's token",
    );
    const form = await post({ 'content-type': 'text/plain', 'x-csrf-token': csrf });
    assert.ok(form.status === 403 || form.status === 400 || form.status === 415, `got ${form.status}`);
    assert.equal(
      (await post({ 'content-type': 'application/json', 'x-csrf-token': csrf })).status,
      201,
      'with the token',
    );
    const crossSite = await s.request('POST', '/api/v1/incidents', {
      cookie,
      json: report,
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(crossSite.status, 403);
  });

  await t.test('responses carry security headers and a request id, and no stack traces', async () => {
    const r = await s.request('GET', '/api/v1/incidents');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.match(String(r.headers.get('content-security-policy')), /default-src 'self'/);
    assert.ok(r.headers.get('x-request-id'));
    assert.equal(r.body.error.request_id, r.headers.get('x-request-id'));
    assert.ok(!r.text.includes('at '), 'no stack trace');
  });
});
