import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pictureUid } from '../src/cot/picture-events.ts';
import { planActivity } from '../src/service/activities.ts';
import { actorForUser } from '../src/service/actor-for-user.ts';
import { startAlertEngine } from '../src/service/alert-engine.ts';
import { changeReleasability, createIncident, createIncidents } from '../src/service/incidents.ts';
import { createSupportRequest } from '../src/service/support-requests.ts';
import { medevacLines, requestBody } from './factories/support-request.ts';
import { checkpoint, nearRule } from './harness/alerts.ts';
import { assertNodeCotReads, startCot } from './harness/cot-server.ts';
import { startServer } from './harness/fixture.ts';
import { cotEvent, positionReport, sleep, type TakClient } from './harness/tak-client.ts';

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

async function report(store: Parameters<typeof createIncident>[0], username: string, body: Record<string, unknown>) {
  return createIncident(store, await actorForUser(store, username), {
    type: 'ied',
    time: hourAgo(),
    lon: 44.39,
    lat: 35.47,
    narrative: 'IED on the ring road, two vehicles damaged',
    ...body,
  });
}

const got = (c: TakClient, uid: string) => c.events.filter((e) => e.uid === uid);

test('the shared picture: a Peshmerga client gets the coalition-releasable incident and the tearline, never the ISF-only one, on connect and live; a narrowed one is sent stale', async (t) => {
  const { store, joined } = await startCot(t);
  const isfOnly = await report(store, 'isf-reporter', { releasability: 'org' });
  const shared = await report(store, 'isf-reporter', { releasability: 'coalition' });
  const torn = await report(store, 'isf-reporter', {
    releasability: 'org',
    tearline: { releasability: 'coalition', summary: 'Explosive device reported near Kirkuk' },
  });

  const pesh = await joined('peshmerga-viewer', { protobuf: true });
  const isf = await joined('isf-viewer');
  const e = await pesh.waitFor((x) => x.uid === pictureUid('incident', shared.id), 5000, 'the shared incident');
  assert.equal(e.type, 'a-h-G');
  assert.equal(e.caveat, 'coalition');
  assert.equal(e.releaseableTo, 'coalition,isf,other,peshmerga');
  assert.match(e.detail.xmlDetail ?? '', /two vehicles damaged/);
  const tl = await pesh.waitFor((x) => x.uid === pictureUid('incident', torn.id), 5000, 'the tearline');
  assert.doesNotMatch(tl.detail.xmlDetail ?? '', /vehicles/, 'a tearline carries its summary, not the narrative');
  assert.match(tl.detail.xmlDetail ?? '', /Explosive device reported near Kirkuk/);
  assert.match(tl.detail.xmlDetail ?? '', /tearline="true"/);
  assert.equal(tl.caveat, 'coalition');
  assert.equal(tl.releaseableTo, undefined, 'a tearline does not name its owner among its audience');
  assert.notEqual(tl.point.lon, 44.39, 'the tearline is snapped');
  assert.ok(tl.point.ce > 1000);
  await isf.waitFor((x) => x.uid === pictureUid('incident', isfOnly.id), 5000, 'the ISF-only incident to ISF');

  // Live.
  const liveOnly = await report(store, 'isf-reporter', { releasability: 'org', narrative: 'live, ISF only' });
  const liveShared = await report(store, 'isf-reporter', { releasability: 'coalition', narrative: 'live, shared' });
  await pesh.waitFor((x) => x.uid === pictureUid('incident', liveShared.id), 5000, 'the live shared incident');
  await isf.waitFor((x) => x.uid === pictureUid('incident', liveOnly.id), 5000, 'the live ISF-only incident');

  // Narrowed to ISF only: Peshmerga's client is told to drop it.
  await changeReleasability(store, await actorForUser(store, 'isf-analyst'), shared.id, { releasability: 'org' });
  const stale = await pesh.waitFor(
    (x) => x.uid === pictureUid('incident', shared.id) && x.stale === x.time,
    5000,
    'the narrowed incident sent stale',
  );
  assert.equal(stale.detail.xmlDetail, undefined);

  await sleep(200);
  for (const hidden of [isfOnly.id, liveOnly.id]) {
    assert.equal(got(pesh, pictureUid('incident', hidden)).length, 0, 'an ISF-only incident never reaches Peshmerga');
  }
  assertNodeCotReads(pesh);
  assertNodeCotReads(isf);
});

test('a CoT incident report appears in the API, and its update corrects it', async (t) => {
  const { store, joined } = await startCot(t);
  const server = await startServer(t, store);
  const reporter = await joined('peshmerga-reporter');
  const uid = 'marker-7f3a';
  reporter.send(
    cotEvent(uid, 'a-h-G', 'h-g-i-g-o', 44.4, 35.45, '<remarks>#seam ied Found under the bridge</remarks>'),
  );
  let id: string | null = null;
  for (let i = 0; i < 100 && id === null; i++) {
    await sleep(50);
    id = await store.incidents.idFromSource('tak', uid);
  }
  assert.ok(id, 'the report was written');
  const cookie = await server.signIn('peshmerga-reporter');
  const first = await server.request('GET', `/api/v1/incidents/${id}`, { cookie });
  assert.equal(first.status, 200);
  assert.equal(first.body.type, 'ied');
  assert.equal(first.body.narrative, 'Found under the bridge');
  assert.equal(first.body.owner_org, 'peshmerga');
  assert.equal(first.body.version, 1);

  // The same uid again, moved and with more said: a correction, not a second incident.
  reporter.send(
    cotEvent(uid, 'a-h-G', 'h-g-i-g-o', 44.41, 35.46, '<remarks>#seam ied Found under the bridge; cleared</remarks>'),
  );
  let after = first;
  for (let i = 0; i < 100 && after.body.version === 1; i++) {
    await sleep(50);
    after = await server.request('GET', `/api/v1/incidents/${id}`, { cookie });
  }
  assert.equal(after.body.version, 2);
  assert.equal(after.body.lon, 44.41);
  assert.equal(after.body.narrative, 'Found under the bridge; cleared');

  // A hostile marker with the <seam type> element; a client's own position is never a report.
  reporter.send(cotEvent('marker-2', 'a-f-G', 'h-e', 44.3, 35.4, '<seam type="armed_clash"/>'));
  reporter.send(positionReport('ANDROID-peshmerga-reporter', 'P-1', 44.4, 35.5));
  let second: string | null = null;
  for (let i = 0; i < 100 && second === null; i++) {
    await sleep(50);
    second = await store.incidents.idFromSource('tak', 'marker-2');
  }
  assert.equal((await store.incidents.find(second!))?.type, 'armed_clash');
  assert.equal(await store.incidents.idFromSource('tak', 'ANDROID-peshmerga-reporter'), null);

  // A viewer may not report: refused as in the API, and not relayed as a marker instead.
  const viewer = await joined('peshmerga-viewer');
  viewer.send(cotEvent('marker-viewer', 'a-h-G', 'h-e', 44.3, 35.4, '<remarks>#seam ied seen by a viewer</remarks>'));
  await sleep(300);
  assert.equal(await store.incidents.idFromSource('tak', 'marker-viewer'), null);
  assert.ok(!reporter.events.some((e) => e.uid === 'marker-viewer'));
});

test('a GeoChat message reaches only the clients allowed to see it', async (t) => {
  const { store, joined } = await startCot(t);
  await store.write(null, (tx) => tx.releasabilityDefaults.upsert('isf', 'geochat', 'org'));
  const isf = await joined('isf-reporter');
  const isf2 = await joined('isf-viewer');
  const pesh = await joined('peshmerga-viewer');
  const chat = cotEvent(
    'GeoChat.ANDROID-isf-reporter.All Chat Rooms.1',
    'b-t-f',
    'h-g-i-g-o',
    44.4,
    35.5,
    '<__chat parent="RootContactGroup" groupOwner="false" chatroom="All Chat Rooms" id="All Chat Rooms" senderCallsign="ISF-1"><chatgrp uid0="ANDROID-isf-reporter" uid1="All Chat Rooms" id="All Chat Rooms"/></__chat><remarks source="BAO.F.ATAK.ANDROID-isf-reporter" time="2026-01-01T00:00:00.000Z">only for ISF</remarks>',
  );
  isf.send(chat);
  const relayed = await isf2.waitFor((e) => e.type === 'b-t-f');
  assert.deepEqual([relayed.caveat, relayed.releaseableTo], ['org', 'isf']);
  const pchat = cotEvent(
    'GeoChat.ANDROID-peshmerga-viewer.All Chat Rooms.2',
    'b-t-f',
    'h-g-i-g-o',
    44.4,
    35.5,
    '<remarks>for the partners</remarks>',
  );
  pesh.send(pchat);
  await isf.waitFor((e) => e.uid === pchat.uid);
  await sleep(100);
  assert.equal(pesh.events.filter((e) => e.uid === chat.uid).length, 0);

  // Both are kept in their room, each with its organisation's releasability.
  const kept = await store.geochat.recent('All Chat Rooms', 10);
  assert.deepEqual(kept.map((m) => [m.org, m.releasability.scope, m.text, m.senderCallsign]).sort(), [
    ['isf', 'org', 'only for ISF', 'ISF-1'],
    ['peshmerga', 'partners', 'for the partners', null],
  ]);
});

test('planned activities and support requests reach the clients allowed to see them, as CoT node-cot reads', async (t) => {
  const { store, joined } = await startCot(t);
  const isfAdmin = await actorForUser(store, 'isf-admin');
  const now = Date.now();
  const before = await createSupportRequest(
    store,
    isfAdmin,
    requestBody(
      new Date(now),
      { addressed_org: 'peshmerga' },
      { kind: 'medevac', medevac: medevacLines(), releasability: 'org' },
    ),
  );
  const pesh = await joined('peshmerga-viewer', { protobuf: true });
  const coal = await joined('coalition-viewer');
  const medevac = await pesh.waitFor(
    (e) => e.uid === pictureUid('support_request', before.request.id),
    5000,
    'the request on connect',
  );
  assert.equal(medevac.type, 'b-r-f-h-c');
  assert.equal(medevac.caveat, 'org');

  const plan = await planActivity(store, isfAdmin, {
    kind: 'patrol',
    unit: 'Kirkuk patrol 3',
    area: { shape: 'point', at: [44.39, 35.47], radius_km: 1 },
    start: new Date(now + 3_600_000).toISOString(),
    end: new Date(now + 7_200_000).toISOString(),
    releasability: 'coalition',
  });
  const id = plan.seen === 'record' ? plan.activity.id : '';
  const patrol = await coal.waitFor((e) => e.uid === pictureUid('activity', id), 5000, 'the activity, live');
  assert.equal(patrol.type, 'b-m-p-s-m');
  assert.equal(patrol.detail.contact?.callsign, 'patrol – Kirkuk patrol 3');
  await pesh.waitFor((e) => e.uid === pictureUid('activity', id), 5000, 'the activity, live');
  await sleep(100);
  assert.equal(
    got(coal, pictureUid('support_request', before.request.id)).length,
    0,
    'a request addressed elsewhere stays there',
  );
  assertNodeCotReads(pesh);
  assertNodeCotReads(coal);
});

test('an alert reaches its organisation’s clients at the record it is about', async (t) => {
  const { store, joined } = await startCot(t);
  await store.write(null, async (tx) => {
    await tx.presence.insert(checkpoint('7', 'peshmerga', [44.4, 35.46], 2));
    await tx.alertRules.insert(nearRule('peshmerga', 'Near our checkpoints', 10, tx.at));
  });
  const engine = startAlertEngine(store);
  t.after(() => engine.stop());
  const pesh = await joined('peshmerga-viewer');
  const isf = await joined('isf-viewer');
  const incident = await report(store, 'isf-reporter', { releasability: 'coalition' });
  const alert = await pesh.waitFor((e) => e.uid.startsWith('seam.alert.'), 10_000, 'the alert');
  assert.equal(alert.type, 'b-m-p-s-m');
  assert.equal(alert.detail.contact?.callsign, 'Alert: Near our checkpoints');
  assert.match(alert.detail.xmlDetail ?? '', new RegExp(`subject_id="${incident.id}"`));
  assert.deepEqual([alert.point.lon, alert.point.lat], [44.39, 35.47]);
  await sleep(200);
  assert.ok(!isf.events.some((e) => e.uid.startsWith('seam.alert.')), 'another organisation’s alert');
  assertNodeCotReads(pesh);
});

test('a burst of records (an import) waits for a client’s queue instead of cutting the client off', async (t) => {
  const { store, cot, joined } = await startCot(t, { queueCap: 32, queueHardCap: 128 });
  const pesh = await joined('peshmerga-viewer');
  const bodies = Array.from({ length: 400 }, (_, i) => ({
    type: 'ied',
    time: hourAgo(),
    lon: 44 + i / 1000,
    lat: 35.47,
    narrative: `burst ${i}`,
    releasability: 'coalition',
  }));
  const written = await createIncidents(store, await actorForUser(store, 'isf-reporter'), bodies);
  const last = pictureUid('incident', written.at(-1)!.id);
  await pesh.waitFor((e) => e.uid === last, 20_000, 'the last incident of the burst');
  assert.equal(new Set(pesh.events.filter((e) => e.uid.startsWith('seam.incident.')).map((e) => e.uid)).size, 400);
  assert.equal(cot.metrics().disconnections.slow_client, undefined);
});

test('an event addressed to contacts (marti/dest) reaches only them, and only where allowed', async (t) => {
  const { store, joined } = await startCot(t);
  await store.write(null, (tx) => tx.releasabilityDefaults.upsert('isf', 'geochat', 'org'));
  const sender = await joined('isf-reporter');
  const addressee = await joined('isf-viewer');
  const bystander = await joined('isf-analyst');
  const outsider = await joined('peshmerga-viewer');
  const direct = cotEvent(
    'GeoChat.ANDROID-isf-reporter.ISF-VIEWER.1',
    'b-t-f',
    'h-g-i-g-o',
    44.4,
    35.5,
    '<__chat chatroom="ISF-VIEWER" id="ANDROID-isf-viewer" senderCallsign="ISF-REPORTER"/><marti><dest callsign="ISF-VIEWER"/><dest callsign="PESHMERGA-VIEWER"/></marti><remarks>for you only</remarks>',
  );
  sender.send(direct);
  await addressee.waitFor((e) => e.uid === direct.uid);
  const marker = cotEvent(
    'm-direct',
    'b-m-p-s-m',
    'h-e',
    44.4,
    35.5,
    '<marti><dest uid="ANDROID-isf-analyst"/></marti>',
  );
  sender.send(marker);
  await bystander.waitFor((e) => e.uid === marker.uid);
  await sleep(200);
  assert.ok(!bystander.events.some((e) => e.uid === direct.uid), 'not addressed');
  assert.ok(!outsider.events.some((e) => e.uid === direct.uid), 'addressed, but not allowed to see it');
  assert.ok(!addressee.events.some((e) => e.uid === marker.uid), 'the marker was addressed to another contact');
});
