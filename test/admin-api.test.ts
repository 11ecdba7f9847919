import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFixture, startServer } from './harness/fixture.ts';
import { kirkukIed } from './harness/http-client.ts';
import { withRawSql } from './harness/raw-sql.ts';

test('user management and the audit log, for administrators only', async (t) => {
  const { store } = await createFixture(t);
  const s = await startServer(t, store);
  const admin = await s.signIn('isf-admin');
  const analyst = await s.signIn('isf-analyst');

  await t.test('non-administrators can neither read the audit, verify it nor manage users', async () => {
    for (const [method, path, json] of [
      ['GET', '/api/v1/audit', undefined],
      ['POST', '/api/v1/audit/verify', {}],
      ['GET', '/api/v1/users', undefined],
      ['PATCH', '/api/v1/users/isf-viewer', { disabled: true }],
      ['POST', '/api/v1/users/isf-viewer/password', { password: 'another-long-password-9' }],
    ] as const) {
      const r = await s.request(method, path, { cookie: analyst, json });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal(r.body.error.code, 'forbidden');
    }
    assert.equal((await s.request('GET', '/api/v1/audit')).status, 401);
  });

  await t.test('an administrator creates a user, who then signs in; bad input names its field', async () => {
    const bad = await s.request('POST', '/api/v1/users', {
      cookie: admin,
      json: { username: 'Bad Name', roles: ['viewer'], password: 'x' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /username|password/);
    const unknownRole = await s.request('POST', '/api/v1/users', {
      cookie: admin,
      json: { username: 'new-officer', roles: ['general'], password: 'a-long-initial-password-1' },
    });
    assert.equal(unknownRole.status, 400);
    assert.match(JSON.stringify(unknownRole.body.error), /roles/);
    const made = await s.request('POST', '/api/v1/users', {
      cookie: admin,
      json: { username: 'new-officer', roles: ['reporter'], password: 'a-long-initial-password-1' },
    });
    assert.equal(made.status, 201);
    assert.equal(made.body.org, 'isf');
    assert.equal(made.body.password_hash, undefined);
    const cookie = await s.signIn('new-officer', 'a-long-initial-password-1');
    assert.equal(
      (await s.request('POST', '/api/v1/incidents', { cookie, json: kirkukIed('by the new officer') })).status,
      201,
    );
  });

  await t.test(
    'roles change, disabling ends sessions, enabling and a password reset let the user back in',
    async () => {
      const cookie = await s.signIn('new-officer', 'a-long-initial-password-1');
      const promoted = await s.request('PATCH', '/api/v1/users/new-officer', {
        cookie: admin,
        json: { roles: ['analyst'] },
      });
      assert.equal(promoted.status, 200);
      assert.deepEqual(promoted.body.roles, ['analyst']);
      const disabled = await s.request('PATCH', '/api/v1/users/new-officer', {
        cookie: admin,
        json: { disabled: true },
      });
      assert.equal(disabled.body.disabled, true);
      assert.equal((await s.request('GET', '/api/v1/auth/me', { cookie })).status, 401);
      await assert.rejects(s.signIn('new-officer', 'a-long-initial-password-1'));
      const enabled = await s.request('PATCH', '/api/v1/users/new-officer', {
        cookie: admin,
        json: { disabled: false },
      });
      assert.equal(enabled.body.disabled, false);
      const reset = await s.request('POST', '/api/v1/users/new-officer/password', {
        cookie: admin,
        json: { password: 'a-fresh-password-after-reset-2' },
      });
      assert.equal(reset.status, 204);
      await assert.rejects(s.signIn('new-officer', 'a-long-initial-password-1'));
      await s.signIn('new-officer', 'a-fresh-password-after-reset-2');
    },
  );

  await t.test('administrators manage their own organisation only, and cannot lock themselves out', async () => {
    const other = await s.request('PATCH', '/api/v1/users/peshmerga-viewer', {
      cookie: admin,
      json: { disabled: true },
    });
    assert.equal(other.status, 403);
    const self = await s.request('PATCH', '/api/v1/users/isf-admin', { cookie: admin, json: { disabled: true } });
    assert.equal(self.status, 400);
    assert.match(JSON.stringify(self.body.error), /yourself/);
    const demote = await s.request('PATCH', '/api/v1/users/isf-admin', { cookie: admin, json: { roles: ['viewer'] } });
    assert.equal(demote.status, 400);
    const unknown = await s.request('PATCH', '/api/v1/users/nobody-here', { cookie: admin, json: { disabled: true } });
    assert.equal(unknown.status, 404);
  });

  await t.test(
    'the audit lists what users of the organisation did, filtered and paged, and the chain verifies',
    async () => {
      const byUser = await s.request('GET', '/api/v1/audit?user=isf-admin&action=user', { cookie: admin });
      assert.equal(byUser.status, 200);
      const actions = byUser.body.items.map((e: { action: string }) => e.action);
      for (const a of ['user.create', 'user.roles', 'user.disable', 'user.enable', 'user.password']) {
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      }
      assert.ok(byUser.body.items.every((e: { user: string }) => e.user === 'isf-admin'));
      assert.ok(!JSON.stringify(byUser.body).includes('a-fresh-password'), 'no password in the audit');

      const created = byUser.body.items.find((e: { action: string }) => e.action === 'user.create');
      const byRecord = await s.request('GET', `/api/v1/audit?record=${created.record_id}`, { cookie: admin });
      assert.ok(byRecord.body.items.length >= 5);
      assert.ok(byRecord.body.items.every((e: { record_id: string }) => e.record_id === created.record_id));

      const first = await s.request('GET', `/api/v1/audit?record=${created.record_id}&limit=2`, { cookie: admin });
      assert.equal(first.body.items.length, 2);
      assert.ok(first.body.next);
      const second = await s.request(
        'GET',
        `/api/v1/audit?record=${created.record_id}&limit=2&cursor=${first.body.next}`,
        {
          cookie: admin,
        },
      );
      assert.ok(second.body.items[0].seq < first.body.items[1].seq);

      // Another organisation's administrator does not see what isf's users did.
      const pesh = await s.signIn('peshmerga-admin');
      const theirs = await s.request('GET', '/api/v1/audit?action=user', { cookie: pesh });
      assert.equal(theirs.body.items.length, 0);
      const elsewhere = await s.request('GET', '/api/v1/audit?user=isf-admin', { cookie: pesh });
      const nobody = await s.request('GET', '/api/v1/audit?user=no-such-user', { cookie: pesh });
      assert.equal(elsewhere.status, 404);
      assert.equal(nobody.status, 404);

      const openapi = await s.request('GET', '/api/v1/openapi.json');
      for (const path of [
        '/api/v1/audit',
        '/api/v1/audit/verify',
        '/api/v1/users/{username}',
        '/api/v1/users/{username}/password',
      ]) {
        assert.ok(openapi.body.paths[path], `${path} in the OpenAPI document`);
      }

      const badAction = await s.request('GET', '/api/v1/audit?action=DROP%20TABLE', { cookie: admin });
      assert.equal(badAction.status, 400);
      assert.match(badAction.body.error.message, /action/);

      const ok = await s.request('POST', '/api/v1/audit/verify', { cookie: admin, json: {} });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.intact, true);
      assert.ok(ok.body.entries > 10);

      // Someone edits the file behind Seam's back: the append-only triggers gone, an entry changed.
      withRawSql(store, (db) => {
        db.exec('DROP TRIGGER IF EXISTS audit_log_append_only_update');
        db.prepare('UPDATE audit_log SET detail = \'{"username":"someone-else"}\' WHERE seq = ?').run(created.seq);
      });
      const broken = await s.request('POST', '/api/v1/audit/verify', { cookie: admin, json: {} });
      assert.equal(broken.body.intact, false);
      assert.equal(broken.body.broken.seq, created.seq);
    },
  );
});
