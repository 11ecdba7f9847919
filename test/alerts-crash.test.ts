import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { actorForUser } from '../src/service/actor-for-user.ts';
import { createIncidents } from '../src/service/incidents.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { addPresence, checkpoint, eventually, nearRule } from './harness/alerts.ts';
import { createFixture, testPassword } from './harness/fixture.ts';
import { httpClient } from './harness/http-client.ts';
import { startServe } from './harness/process.ts';

const writers = 3;
const near = { type: 'ied', time: '2026-03-01T06:00:00Z', lon: 44.4, lat: 35.53 };

function readDatabase<T>(dir: string, fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dir, 'seam.db'), { readOnly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function counts(db: DatabaseSync) {
  const n = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
  return {
    incidents: n('SELECT count(*) AS n FROM incidents'),
    alerts: n('SELECT count(*) AS n FROM alerts'),
    alertEntries: n("SELECT count(*) AS n FROM change_log WHERE record_type = 'alert'"),
    pairs: n('SELECT count(*) AS n FROM (SELECT DISTINCT rule_id, subject_id FROM alerts)'),
    cursor: n('SELECT seq AS n FROM alert_engine'),
    top: n('SELECT max(seq) AS n FROM change_log'),
  };
}

test('alerts are never lost nor written twice across kill -9: the engine resumes from its stored cursor', async (t) => {
  const { store, dir } = await createFixture(t, { roles: ['reporter', 'viewer'] });
  await addPresence(store, checkpoint('pesh-1', 'peshmerga', [44.4, 35.5]));
  const ruleIds = [newId(), newId()];
  await store.write(null, async (tx) => {
    for (const [k, id] of ruleIds.entries())
      await tx.alertRules.insert(nearRule('peshmerga', `Near ${k}`, 5 + k, tx.at, id));
  });
  store.close();

  // Reports stream in until the server is killed mid-stride.
  const first = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const http = httpClient(first.url);
  const cookie = await http.signIn('isf-reporter', testPassword);
  const acknowledged: string[] = [];
  const loops = Array.from({ length: writers }, async (_, w) => {
    for (let n = 0; ; n++) {
      try {
        const r = await http.request('POST', '/api/v1/incidents', {
          cookie,
          json: { ...near, narrative: `w${w}.${n}` },
        });
        if (r.status === 201) acknowledged.push(r.body.id);
      } catch {
        return;
      }
    }
  });
  const started = Date.now();
  while (acknowledged.length < 40 || Date.now() - started < 1000) {
    assert.ok(Date.now() - started < 30_000, 'writes are acknowledged');
    await sleep(10);
  }
  assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
  await Promise.all(loops);
  const atKill = readDatabase(dir, counts);
  t.diagnostic(`at the kill: ${JSON.stringify(atKill)}`);
  assert.equal(atKill.alerts, atKill.pairs, 'no alert twice, even at the kill');
  assert.ok(atKill.alerts > 0, 'woken by the bus, the engine kept up while the server ran');
  assert.doesNotMatch(first.output(), /alert evaluation failed/);

  // Committed while no engine runs (another process writing to the same file): to be caught up at start.
  const offline = openStore(join(dir, 'seam.db'));
  await createIncidents(
    offline,
    await actorForUser(offline, 'isf-reporter'),
    Array.from({ length: 5 }, (_, k) => ({ ...near, narrative: `offline ${k}` })),
  );
  offline.close();

  const second = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const again = httpClient(second.url);
  const viewer = await again.signIn('peshmerga-viewer', testPassword);
  const total = readDatabase(dir, counts).incidents;
  assert.ok(total >= acknowledged.length + 5);
  const listed = await eventually(async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const r = await again.request('GET', `/api/v1/alerts?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
        cookie: viewer,
      });
      for (const a of r.body.items) seen.add(`${a.rule.id} ${a.subject.id}`);
      cursor = r.body.next;
    } while (cursor);
    return seen.size === total * ruleIds.length ? seen : undefined;
  }, 'an alert per rule for every committed incident, after the restart');
  assert.equal(listed.size, total * ruleIds.length);
  assert.equal((await second.kill('SIGTERM')).code, 0);

  const after = readDatabase(dir, counts);
  t.diagnostic(`after the restart: ${JSON.stringify(after)}`);
  assert.equal(after.alerts, total * ruleIds.length, 'one alert per rule and incident: none lost');
  assert.equal(after.pairs, after.alerts, 'none twice');
  assert.equal(after.alertEntries, after.alerts, 'one change-log entry per alert');
  const lastIncident = readDatabase(dir, (db) =>
    Number(
      (db.prepare("SELECT max(seq) AS n FROM change_log WHERE record_type = 'incident'").get() as { n: number }).n,
    ),
  );
  assert.ok(after.cursor >= lastIncident, 'the engine’s stored cursor is past every incident');
});
