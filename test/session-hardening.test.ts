import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblems } from '../src/domain/user.ts';
import { addressFailuresPerMinute, lockoutFailures, lockoutMinutes } from '../src/service/auth.ts';
import { createFixture, startServer, testPassword } from './harness/fixture.ts';
import { withRawSql } from './harness/raw-sql.ts';

function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (minutes: number) => (t += minutes * 60_000) };
}

test('sessions expire when idle, rotate their token, and end at their absolute limit', async (t) => {
  const c = clock('2026-05-01T08:00:00Z');
  const { store } = await createFixture(t, { roles: ['viewer'], now: c.now });
  const s = await startServer(t, store);
  const me = (cookie: string) => s.request('GET', '/api/v1/auth/me', { cookie });

  const idle = await s.signIn('isf-viewer');
  c.advance(61);
  assert.equal((await me(idle)).status, 401, 'unused for more than 60 minutes');

  const cookie = await s.signIn('isf-viewer');
  c.advance(10);
  const early = await me(cookie);
  assert.equal(early.status, 200);
  assert.equal(early.headers.get('set-cookie'), null, 'no rotation within 15 minutes');
  c.advance(10);
  const rotated = await me(cookie);
  assert.equal(rotated.status, 200);
  const fresh = String(rotated.headers.get('set-cookie')).split(';')[0];
  assert.match(fresh, /^seam_session=ses_/);
  assert.notEqual(fresh, cookie);
  assert.equal(rotated.headers.get('x-csrf-token'), (await me(fresh)).body.csrf_token);
  assert.equal((await me(cookie)).status, 200, 'the old token still works for a moment');
  c.advance(2);
  assert.equal((await me(cookie)).status, 401, 'then it is gone');
  assert.equal((await me(fresh)).status, 200);

  // Keep the session busy until its absolute end, 12 hours after sign-in.
  let current = fresh;
  for (let minutes = 22; minutes < 12 * 60; minutes += 30) {
    c.advance(30);
    const r = await me(current);
    if (r.status !== 200) break;
    const next = r.headers.get('set-cookie');
    if (next) current = next.split(';')[0];
  }
  c.advance(30);
  assert.equal((await me(current)).status, 401, 'no session outlives 12 hours');
});

test('failed sign-ins lock the user name for a while, and a good password then waits too', async (t) => {
  const c = clock('2026-05-01T08:00:00Z');
  const { store } = await createFixture(t, { roles: ['viewer'], now: c.now });
  const s = await startServer(t, store);
  const login = (username: string, password: string) =>
    s.request('POST', '/api/v1/auth/login', { json: { username, password } });
  for (let n = 0; n < lockoutFailures; n++)
    assert.equal((await login('isf-viewer', 'wrong-password-guess')).status, 401);
  const locked = await login('isf-viewer', testPassword);
  assert.equal(locked.status, 429);
  assert.equal(locked.body.error.code, 'rate_limited');
  assert.equal((await login('peshmerga-viewer', testPassword)).status, 200, 'other users are not affected');
  c.advance(lockoutMinutes + 1);
  assert.equal((await login('isf-viewer', testPassword)).status, 200, 'the lock lifts');
  const refused = withRawSql(store, (db) =>
    db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.refused'").get(),
  ) as { n: number };
  assert.equal(Number(refused.n), 1);
});

test('an address that fails too often is refused for a minute', async (t) => {
  const c = clock('2026-05-01T08:00:00Z');
  const { store } = await createFixture(t, { roles: ['viewer'], now: c.now });
  const s = await startServer(t, store);
  for (let n = 0; n < addressFailuresPerMinute; n++) {
    const r = await s.request('POST', '/api/v1/auth/login', {
      json: { username: `nobody-${n}`, password: 'whatever-guess' },
    });
    assert.equal(r.status, 401);
  }
  const r = await s.request('POST', '/api/v1/auth/login', { json: { username: 'isf-viewer', password: testPassword } });
  assert.equal(r.status, 429);
  c.advance(2);
  assert.equal(
    (await s.request('POST', '/api/v1/auth/login', { json: { username: 'isf-viewer', password: testPassword } }))
      .status,
    200,
  );
});

test('the password policy refuses short, common and name-based passwords', () => {
  assert.deepEqual(passwordProblems('a-long-enough-passphrase', 'isf-admin'), []);
  assert.ok(passwordProblems('short', 'u').some((p) => /at least 12/.test(p)));
  assert.ok(passwordProblems('my-isf-admin-password', 'isf-admin').some((p) => /user name/.test(p)));
  assert.ok(passwordProblems('password1234', 'u').some((p) => /common/.test(p)));
  assert.ok(passwordProblems('aaaaaaaaaaaaaaaa', 'u').some((p) => /different characters/.test(p)));
});
