// Unit positions over TAK and the web app's units layer: each organisation's position sharing decides who sees its units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setPositionSharing } from '../src/service/position-sharing.ts';
import { assertNodeCotReads, startCot } from './harness/cot-server.ts';
import { startServer } from './harness/fixture.ts';
import { openSse } from './harness/sse.ts';
import { positionReport, sleep, type TakClient } from './harness/tak-client.ts';

const got = (c: TakClient, uid: string) => c.events.filter((e) => e.uid === uid);

test('positions reach only the organisations the sender organisation’s sharing allows, and a setting change applies at once', async (t) => {
  const { store, joined } = await startCot(t);
  await setPositionSharing(store, null, 'isf', 'org');
  await setPositionSharing(store, null, 'coalition', 'coalition');
  const isf = await joined('isf-reporter');
  const isf2 = await joined('isf-viewer', { protobuf: true });
  const pesh = await joined('peshmerga-viewer');
  const coal = await joined('coalition-reporter');

  isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.4, 35.5));
  coal.send(positionReport('ANDROID-coalition-reporter', 'COAL-1', 44.5, 35.6));
  await isf2.waitFor((e) => e.uid === 'ANDROID-isf-reporter');
  await pesh.waitFor((e) => e.uid === 'ANDROID-coalition-reporter');
  await isf.waitFor((e) => e.uid === 'ANDROID-coalition-reporter');
  await sleep(200);
  assert.equal(got(pesh, 'ANDROID-isf-reporter').length, 0, 'an ISF-only position never reaches Peshmerga');
  assert.equal(got(coal, 'ANDROID-isf-reporter').length, 0);

  // A client joining later is sent the units already on the air that it may see, and only those.
  const pesh2 = await joined('peshmerga-reporter');
  await pesh2.waitFor((e) => e.uid === 'ANDROID-coalition-reporter');
  await sleep(100);
  assert.equal(got(pesh2, 'ANDROID-isf-reporter').length, 0);

  // Partners (JCC k1: isf and peshmerga) from now on; the coalition organisation still not.
  await setPositionSharing(store, null, 'isf', 'partners');
  await sleep(50);
  isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.41, 35.5));
  await pesh.waitFor((e) => e.uid === 'ANDROID-isf-reporter');
  await sleep(100);
  assert.equal(got(coal, 'ANDROID-isf-reporter').length, 0);
  assertNodeCotReads(pesh);
  assertNodeCotReads(isf2);
});

test('the web app’s live layer of connected units shows only the units whose organisation’s sharing allows, and their leaving', async (t) => {
  const { store, joined } = await startCot(t);
  const server = await startServer(t, store);
  await setPositionSharing(store, null, 'isf', 'org');
  await setPositionSharing(store, null, 'coalition', 'coalition');
  const isf = await joined('isf-reporter');
  const coal = await joined('coalition-reporter');
  isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.4, 35.5));
  coal.send(positionReport('ANDROID-coalition-reporter', 'COAL-1', 44.5, 35.6));
  await sleep(100);

  const pesh = await openSse(`${server.url}/api/v1/stream/units`, { cookie: await server.signIn('peshmerga-viewer') });
  const own = await openSse(`${server.url}/api/v1/stream/units`, { cookie: await server.signIn('isf-viewer') });
  t.after(() => {
    pesh.close();
    own.close();
  });
  assert.equal(pesh.status, 200);
  await own.until((es) => es.some((e) => e.event === 'unit' && e.data.uid === 'ANDROID-isf-reporter'));
  await pesh.until((es) => es.some((e) => e.event === 'unit' && e.data.callsign === 'COAL-1'));
  const unit = pesh.events.find((e) => e.event === 'unit')!.data;
  assert.deepEqual(Object.keys(unit).sort(), ['at', 'callsign', 'lat', 'lon', 'org', 'stale', 'type', 'uid']);

  coal.send(positionReport('ANDROID-coalition-reporter', 'COAL-1', 44.52, 35.6));
  await pesh.until((es) => es.some((e) => e.event === 'unit' && e.data.lon === 44.52), 4000);
  coal.close();
  await pesh.until(
    (es) => es.some((e) => e.event === 'unit_gone' && e.data.uid === 'ANDROID-coalition-reporter'),
    4000,
  );
  assert.ok(
    !pesh.events.some((e) => e.data.uid === 'ANDROID-isf-reporter'),
    'an ISF-only unit never reaches Peshmerga',
  );
});

test('an organisation’s administrators set who sees its units through the API, and it applies to connected clients at once', async (t) => {
  const { store, joined } = await startCot(t);
  const server = await startServer(t, store);
  const admin = await server.signIn('isf-admin');
  const viewer = await server.signIn('isf-viewer');
  assert.equal(
    (await server.request('GET', '/api/v1/position-sharing', { cookie: viewer })).body.releasability,
    'partners',
  );
  const refused = await server.request('PUT', '/api/v1/position-sharing', {
    cookie: viewer,
    json: { releasability: 'org' },
  });
  assert.equal(refused.status, 403);
  const bad = await server.request('PUT', '/api/v1/position-sharing', {
    cookie: admin,
    json: { releasability: 'all' },
  });
  assert.equal(bad.status, 400);
  const isf = await joined('isf-reporter');
  const pesh = await joined('peshmerga-viewer');
  const set = await server.request('PUT', '/api/v1/position-sharing', {
    cookie: admin,
    json: { releasability: 'org' },
  });
  assert.deepEqual(set.body, { org: 'isf', releasability: 'org' });
  isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.4, 35.5));
  await sleep(300);
  assert.equal(got(pesh, 'ANDROID-isf-reporter').length, 0);
  await server.request('PUT', '/api/v1/position-sharing', { cookie: admin, json: { releasability: 'partners' } });
  isf.send(positionReport('ANDROID-isf-reporter', 'ISF-1', 44.41, 35.5));
  await pesh.waitFor((e) => e.uid === 'ANDROID-isf-reporter');
});
