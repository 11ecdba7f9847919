import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { createFixture, startServer } from './harness/fixture.ts';
import { runSeam } from './harness/process.ts';

/** A data directory with a history: sign-ins (good and bad), users, groups and incidents. */
async function siteWithHistory(t: { after(fn: () => void | Promise<void>): void }) {
  const { store, dir } = await createFixture(t, { roles: ['reporter', 'analyst'] });
  const s = await startServer(t, store);
  const cookie = await s.signIn('isf-analyst');
  await s.request('POST', '/api/v1/auth/login', { json: { username: 'isf-analyst', password: 'wrong-password-x' } });
  const created = await s.request('POST', '/api/v1/incidents', {
    cookie,
    json: { type: 'ied', time: '2026-01-01T00:00:00Z', lon: 44.39, lat: 35.47, releasability: 'org' },
  });
  await s.request('POST', `/api/v1/incidents/${created.body.id}/releasability`, {
    cookie,
    json: { releasability: 'coalition', reason: 'shared at the weekly JCC meeting' },
  });
  await s.app.close();
  store.close();
  return { dir, incidentId: created.body.id as string };
}

function tamper(dir: string, sql: string): void {
  const db = new DatabaseSync(join(dir, 'seam.db'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_append_only_update');
  db.exec('DROP TRIGGER IF EXISTS audit_log_append_only_delete');
  db.exec(sql);
  db.close();
}

test('seam audit verify confirms an intact chain and names the first entry edited behind its back', async (t) => {
  const { dir } = await siteWithHistory(t);
  const ok = await runSeam(['audit', 'verify'], { dataDir: dir });
  assert.equal(ok.code, 0, ok.stderr);
  const entries = Number(/intact: (\d+) entries/.exec(ok.stdout)?.[1]);
  assert.ok(entries > 10, ok.stdout);

  tamper(dir, 'UPDATE audit_log SET detail = \'{"username":"someone-else"}\' WHERE seq = 7');
  const edited = await runSeam(['audit', 'verify'], { dataDir: dir });
  assert.equal(edited.code, 1);
  assert.match(
    edited.stderr,
    /^seam audit: audit chain broken at entry 7 .*content does not match its hash.*the 6 entries before it are intact\n$/,
  );
});

test('a re-hashed edit, a removed entry and a forged entry are each found', async (t) => {
  const { dir } = await siteWithHistory(t);
  // An attacker who also recomputes the edited entry's own hash still breaks the link to the next one.
  const db = new DatabaseSync(join(dir, 'seam.db'));
  const { auditHash } = await import('../src/store/audit-chain.ts');
  const row = db.prepare('SELECT * FROM audit_log WHERE seq = 10').get() as Record<string, string>;
  const detail = '{"forged":true}';
  const hash = auditHash(row.prev_hash, {
    seq: 10,
    at: row.at,
    actor: row.actor,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    detail,
  });
  db.close();
  tamper(dir, `UPDATE audit_log SET detail = '${detail}', hash = '${hash}' WHERE seq = 10`);
  const rehashed = await runSeam(['audit', 'verify'], { dataDir: dir });
  assert.equal(rehashed.code, 1);
  assert.match(rehashed.stderr, /broken at entry 11 .*prev_hash/);

  const { dir: dir2 } = await siteWithHistory(t);
  tamper(dir2, 'DELETE FROM audit_log WHERE seq = 4');
  const removed = await runSeam(['audit', 'verify'], { dataDir: dir2 });
  assert.equal(removed.code, 1);
  assert.match(removed.stderr, /entry 4 is missing/);
});

test('seam audit list filters by time, user and action', async (t) => {
  const { dir, incidentId } = await siteWithHistory(t);
  const changes = await runSeam(['audit', 'list', '--action', 'incident.releasability', '--json'], { dataDir: dir });
  assert.equal(changes.code, 0, changes.stderr);
  const lines = changes.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].recordId, incidentId);
  assert.equal(lines[0].username, 'isf-analyst');
  assert.deepEqual(
    { before: lines[0].detail.before, after: lines[0].detail.after, reason: lines[0].detail.reason },
    { before: 'org', after: 'coalition', reason: 'shared at the weekly JCC meeting' },
  );
  const logins = await runSeam(['audit', 'list', '--action', 'login', '--user', 'isf-analyst', '--json'], {
    dataDir: dir,
  });
  const actions = logins.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).action)
    .sort();
  assert.deepEqual(actions, ['login.failure', 'login.success']);
  const future = await runSeam(['audit', 'list', '--since', '2999-01-01T00:00:00Z', '--json'], { dataDir: dir });
  assert.equal(future.stdout, '');
  const table = await runSeam(['audit', 'list', '--since', '1d'], { dataDir: dir });
  assert.match(table.stdout, /^seq\s+at\s+user\s+action/);
  assert.equal((await runSeam(['audit', 'list', '--since', 'yesterday'], { dataDir: dir })).code, 2);
  assert.equal((await runSeam(['audit', 'list', '--user', 'nobody'], { dataDir: dir })).code, 1);
  assert.equal((await runSeam(['audit', 'frob'], { dataDir: dir })).code, 2);
});
