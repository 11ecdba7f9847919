import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { changeLogGaps } from '../src/store/sqlite/change-log.ts';
import { type HttpClient, httpClient, kirkukIed } from './harness/http-client.ts';
import { demoCredentialsFile, demoPassword, startServe } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const writers = 4;
const minAcknowledged = 50;
const minRunMs = 1500;

interface WriteStream {
  /** Ids of the incidents whose 201 response arrived in full. */
  acknowledged: string[];
  /** Requests sent whose response has not yet arrived. */
  inFlight(): number;
  /** Any response other than 201 before the crash. */
  unexpected: string[];
  /** Resolves when every writer has stopped (each stops at its first failed request). */
  done: Promise<void>;
}

/** Keeps `writers` loops reporting incidents back to back until the server goes away. */
function writeUntilCrash(http: HttpClient, cookie: string): WriteStream {
  const acknowledged: string[] = [];
  const unexpected: string[] = [];
  let inFlight = 0;
  const writer = async (w: number) => {
    for (let n = 0; ; n++) {
      inFlight++;
      try {
        const r = await http.request('POST', '/api/v1/incidents', { cookie, json: kirkukIed(`crash test ${w}.${n}`) });
        if (r.status === 201) acknowledged.push(r.body.id);
        else unexpected.push(`${r.status} ${r.text}`);
      } catch {
        return; // the connection died with the server
      } finally {
        inFlight--;
      }
    }
  };
  const done = Promise.all(Array.from({ length: writers }, (_, w) => writer(w))).then(() => undefined);
  return { acknowledged, unexpected, inFlight: () => inFlight, done };
}

function readDatabase<T>(dir: string, fn: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dir, 'seam.db'), { readOnly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

test('every acknowledged write survives kill -9, and the change log stays gap-free', async (t) => {
  const dir = tempDir(t);
  const first = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const credentials = readFileSync(demoCredentialsFile(dir), 'utf8');
  const password = demoPassword(dir, 'isf-reporter');
  const before = httpClient(first.url);
  const stream = writeUntilCrash(before, await before.signIn('isf-reporter', password));

  const started = Date.now();
  while (stream.acknowledged.length < minAcknowledged || Date.now() - started < minRunMs) {
    assert.ok(Date.now() - started < 30_000, `only ${stream.acknowledged.length} writes acknowledged in 30 s`);
    await sleep(10);
  }
  assert.ok(stream.inFlight() > 0, 'requests are in flight when the server dies');
  const exit = await first.kill('SIGKILL');
  assert.equal(exit.signal, 'SIGKILL');
  await stream.done;
  assert.deepEqual(stream.unexpected, []);
  const acknowledged = [...stream.acknowledged];
  t.diagnostic(`${acknowledged.length} writes acknowledged before the kill`);

  const second = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  assert.doesNotMatch(second.output(), /Demo logins/, 'a restart must not reload the demo');
  assert.equal(readFileSync(demoCredentialsFile(dir), 'utf8'), credentials);
  const afterRestart = httpClient(second.url);
  const cookie = await afterRestart.signIn('isf-reporter', password);
  const health = await afterRestart.request('GET', '/healthz');
  assert.equal(health.status, 200);
  for (const id of acknowledged) {
    const r = await afterRestart.request('GET', `/api/v1/incidents/${id}`, { cookie });
    assert.equal(r.status, 200, `acknowledged incident ${id} is lost: ${r.text}`);
  }
  assert.equal((await second.kill('SIGTERM')).code, 0);

  readDatabase(dir, (db) => {
    assert.deepEqual(changeLogGaps(db), []);
    const { n, top } = db.prepare('SELECT count(*) AS n, max(seq) AS top FROM change_log').get() as Record<
      string,
      number
    >;
    assert.equal(n, top, 'one change-log entry per sequence number');
    assert.equal(top, health.body.change_log_seq);
    const stored = new Set(
      db
        .prepare("SELECT id FROM incidents WHERE narrative LIKE 'crash test %'")
        .all()
        .map((r) => r.id),
    );
    assert.ok(acknowledged.every((id) => stored.has(id)));
    // Unacknowledged writes may or may not have committed, but never more than were in flight.
    assert.ok(
      stored.size - acknowledged.length <= writers,
      `${stored.size} stored, ${acknowledged.length} acknowledged`,
    );
  });
});
