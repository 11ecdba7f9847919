import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type HttpClient, httpClient } from './harness/http-client.ts';
import { demoPassword, startServe } from './harness/process.ts';
import { tempDir } from './harness/temp-dir.ts';

const writers = 3;
const perWriter = 6;
const minAcknowledged = 30;

/** Peshmerga acknowledges its writer's activities round after round, each answer with a newer comment, until the server dies. */
function acknowledgeUntilCrash(http: HttpClient, cookie: string, ids: string[][]) {
  const acknowledged = new Map<string, number>();
  const unexpected: string[] = [];
  let inFlight = 0;
  const writer = async (w: number) => {
    for (let n = 1; ; n++) {
      for (const id of ids[w]) {
        inFlight++;
        try {
          const r = await http.request('POST', `/api/v1/activities/${id}/acknowledge`, {
            cookie,
            json: { comment: `round ${n}` },
          });
          if (r.status === 200) acknowledged.set(id, n);
          else unexpected.push(`${r.status} ${r.text}`);
        } catch {
          return; // the connection died with the server
        } finally {
          inFlight--;
        }
      }
    }
  };
  const done = Promise.all(ids.map((_, w) => writer(w))).then(() => undefined);
  return {
    acknowledged,
    unexpected,
    inFlight: () => inFlight,
    count: () => [...acknowledged.values()].reduce((a, b) => a + b, 0),
    done,
  };
}

test('a kill -9 after an acknowledged acknowledgement loses nothing', async (t) => {
  const dir = tempDir(t);
  const first = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const before = httpClient(first.url);
  const isf = await before.signIn('isf-liaison', demoPassword(dir, 'isf-liaison'));
  const pesh = await before.signIn('peshmerga-liaison', demoPassword(dir, 'peshmerga-liaison'));
  const start = new Date(Date.now() + 3 * 86_400_000);
  const ids: string[][] = [];
  for (let w = 0; w < writers; w++) {
    ids.push([]);
    for (let k = 0; k < perWriter; k++) {
      const plan = await before.request('POST', '/api/v1/activities', {
        cookie: isf,
        json: {
          kind: 'patrol',
          unit: `crash ${w}.${k}`,
          area: { shape: 'point', at: [44.39 + k * 0.01, 35.47 + w * 0.01], radius_km: 1 },
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
        },
      });
      assert.equal(plan.status, 201, plan.text);
      const sent = await before.request('POST', `/api/v1/activities/${plan.body.id}/notify`, { cookie: isf, json: {} });
      assert.ok(
        sent.body.notifications.some((n: { org: string }) => n.org === 'peshmerga'),
        `Peshmerga is notified: ${sent.text}`,
      );
      ids[w].push(plan.body.id);
    }
  }
  const stream = acknowledgeUntilCrash(before, pesh, ids);
  const started = Date.now();
  while (stream.count() < minAcknowledged) {
    assert.ok(Date.now() - started < 30_000, `only ${stream.count()} acknowledgements in 30 s`);
    await sleep(5);
  }
  assert.ok(stream.inFlight() > 0, 'acknowledgements are in flight when the server dies');
  assert.equal((await first.kill('SIGKILL')).signal, 'SIGKILL');
  await stream.done;
  assert.deepEqual(stream.unexpected, []);
  const acknowledged = new Map(stream.acknowledged);

  const second = await startServe(t, dir, { args: ['--log-level', 'warn'] });
  const after = httpClient(second.url);
  const isfAgain = await after.signIn('isf-liaison', demoPassword(dir, 'isf-liaison'));
  for (const [id, round] of acknowledged) {
    const r = await after.request('GET', `/api/v1/activities/${id}`, { cookie: isfAgain });
    assert.equal(r.status, 200, r.text);
    const mine = r.body.notifications.find((n: { org: string }) => n.org === 'peshmerga');
    assert.equal(mine.status, 'acknowledged', `${id} lost its acknowledgement`);
    // The answer stored is the last acknowledged one, or a newer one that was in flight and committed.
    const stored = Number(/^round (\d+)$/.exec(mine.comment)?.[1]);
    assert.ok(stored === round || stored === round + 1, `${id}: stored round ${stored}, acknowledged round ${round}`);
  }
  assert.equal((await second.kill('SIGTERM')).code, 0);
});
