import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPresence, checkpoint, nearRule } from '../../test/harness/alerts.ts';
import { createFixture } from '../../test/harness/fixture.ts';
import type { Store } from '../store/store.ts';
import { actorForUser } from './actor-for-user.ts';
import { startAlertEngine } from './alert-engine.ts';
import { createIncidents } from './incidents.ts';

async function site(t: Parameters<typeof createFixture>[0]) {
  const { store } = await createFixture(t, { roles: ['reporter'] });
  await addPresence(store, checkpoint('pesh-1', 'peshmerga', [44.4, 35.5]));
  await store.write(null, (tx) => tx.alertRules.insert(nearRule('peshmerga', 'Near', 5, tx.at)));
  return store;
}

async function report(store: Store, n: number): Promise<void> {
  const bodies = Array.from({ length: n }, (_, k) => ({
    type: 'ied',
    time: '2026-03-01T06:00:00Z',
    lon: 44.4,
    lat: 35.52 + k * 0.0001,
    narrative: `report ${k}`,
  }));
  await createIncidents(store, await actorForUser(store, 'isf-reporter'), bodies);
}

const alertCount = async (store: Store) =>
  (await store.changeLog.after(0, 100_000)).filter((e) => e.recordType === 'alert').length;

test('two engines on one database raise each alert once', async (t) => {
  const store = await site(t);
  const a = startAlertEngine(store);
  const b = startAlertEngine(store);
  t.after(async () => {
    await a.stop();
    await b.stop();
  });
  for (let k = 0; k < 5; k++) await report(store, 3);
  await Promise.all([a.settled(), b.settled()]);
  assert.equal(await alertCount(store), 15);
});

test('an engine started after changes were committed catches up from its stored cursor, and only once', async (t) => {
  const store = await site(t);
  const first = startAlertEngine(store);
  await report(store, 2);
  await first.settled();
  await first.stop();
  assert.equal(await alertCount(store), 2);
  await report(store, 4);
  assert.equal(await alertCount(store), 2, 'no engine runs: nothing raised yet');
  const second = startAlertEngine(store);
  await second.settled();
  await second.stop();
  assert.equal(await alertCount(store), 6);
  const lastIncident = (await store.changeLog.after(0, 100_000)).filter((e) => e.recordType === 'incident').at(-1)!;
  assert.ok((await store.alerts.engineCursor()) >= lastIncident.seq, 'the stored cursor is past every incident');
  const third = startAlertEngine(store);
  await third.settled();
  await third.stop();
  assert.equal(await alertCount(store), 6, 'evaluating again raises nothing twice');
});
