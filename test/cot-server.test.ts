import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { test } from 'node:test';
import { pongType, protocolOfferType } from '../src/cot/event.ts';
import { actorForUser } from '../src/service/actor-for-user.ts';
import { disableUser } from '../src/service/users.ts';
import { assertNodeCotReads, startCot } from './harness/cot-server.ts';
import { cotEvent, positionReport, sleep, TakClient } from './harness/tak-client.ts';

test('an XML client and a protobuf client see each other’s positions, get pongs, and every event parses in node-cot', async (t) => {
  const { cot, joined } = await startCot(t);
  const xml = await joined('isf-reporter');
  const proto = await joined('isf-viewer', { protobuf: true });
  assert.equal(proto.version, 1);

  xml.send(positionReport('ANDROID-isf-reporter', 'ALPHA', 44.4, 35.5));
  const got = await proto.waitFor((e) => e.uid === 'ANDROID-isf-reporter', 5000, 'the XML client’s position');
  assert.equal(got.detail.contact?.callsign, 'ALPHA');
  assert.equal(got.point.lat, 35.5);

  proto.send(positionReport('ANDROID-isf-viewer', 'BRAVO', 44.5, 35.6));
  await xml.waitFor((e) => e.uid === 'ANDROID-isf-viewer', 5000, 'the protobuf client’s position');

  proto.send(cotEvent('ping-1', 't-x-c-t', 'm-g', 0, 0));
  await proto.waitFor((e) => e.type === pongType, 5000, 'a pong');
  xml.send(cotEvent('ping-2', 't-x-c-t', 'm-g', 0, 0));
  await xml.waitFor((e) => e.type === pongType, 5000, 'a pong');

  const clients = cot.clients();
  assert.deepEqual(clients.map((c) => [c.uid, c.username, c.org, c.via]).sort(), [
    ['ANDROID-isf-reporter', 'isf-reporter', 'isf', 'tcp-auth'],
    ['ANDROID-isf-viewer', 'isf-viewer', 'isf', 'tcp-auth'],
  ]);
  assert.equal(clients.find((c) => c.username === 'isf-reporter')?.callsign, 'ALPHA');
  const m = cot.metrics();
  assert.equal(m.connections, 2);
  assert.ok((m.eventsIn['a-f-G-U'] ?? 0) >= 2);
  assert.ok((m.eventsOut['a-f-G-U'] ?? 0) >= 2);
  assertNodeCotReads(xml);
  assertNodeCotReads(proto);
  assert.match(cot.metricsText(), /seam_cot_connections 2/);
});

test('wrong, unknown and disabled credentials are refused and counted; so is a stream that is not TAK', async (t) => {
  const { cot, store, join, logs } = await startCot(t, { authTimeoutMs: 300 });
  const wrong = await join('isf-reporter', { password: 'not-the-password' });
  await wrong.waitClosed();
  await disableUser(store, null, 'peshmerga-viewer');
  const disabled = await join('peshmerga-viewer');
  await disabled.waitClosed();
  assert.ok(!disabled.events.some((e) => e.type === protocolOfferType), 'a refused client is offered nothing');
  const silent = await TakClient.connect((await cot.listenTcp('127.0.0.1', 0)).port, {
    username: 'x',
    password: 'y',
    uid: 'u',
    noAuth: true,
  });
  await silent.waitClosed();
  const junk = await TakClient.connect((await cot.listenTcp('127.0.0.1', 0)).port, {
    username: 'x',
    password: 'y',
    uid: 'u',
    noAuth: true,
  });
  junk.socket.write('GET / HTTP/1.1\r\n\r\n');
  await junk.waitClosed();
  const d = cot.metrics().disconnections;
  assert.equal(d.auth_failed, 3);
  assert.equal(d.auth_timeout, 1);
  assert.ok(logs.some((l) => l.msg === 'CoT authentication refused' && l.fields.user === 'isf-reporter'));
  assert.equal(cot.clients().length, 0);
});

test('disconnect ends a user’s connections', async (t) => {
  const { cot, joined } = await startCot(t);
  const a = await joined('isf-reporter');
  await joined('isf-viewer');
  assert.equal(cot.disconnect({ username: 'isf-reporter' }), 1);
  await a.waitClosed();
  assert.equal(cot.metrics().disconnections.kicked, 1);
  assert.equal(cot.clients().length, 1);
});

test('malformed XML, a DOCTYPE entity bomb, an oversized event and a flood are refused without a crash', async (t) => {
  const { cot, joined } = await startCot(t, { maxEventBytes: 8 * 1024, maxEventsPerSecond: 20 });
  const watcher = await joined('isf-viewer');

  const bad = await joined('isf-reporter');
  bad.socket.write('<event version="2.0" uid="x" type="a-f-G" how="m-g"><point lat="1" lon="2"/></event>');
  const big = `<remarks>${'x'.repeat(20_000)}</remarks>`;
  bad.send(cotEvent('big-1', 'a-f-G-U-C', 'm-g', 44, 35, big));
  bad.send(cotEvent('ping-after', 't-x-c-t', 'm-g', 0, 0));
  await bad.waitFor((e) => e.type === pongType, 5000, 'a pong after the bad events');
  const drops = cot.metrics().drops;
  assert.equal(drops.invalid, 1);
  assert.equal(drops.too_large, 1);

  const bomb = await joined('peshmerga-reporter');
  bomb.socket.write(
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><event version="2.0" uid="b" type="a-f-G" how="m-g" time="2026-01-01T00:00:00.000Z" start="2026-01-01T00:00:00.000Z" stale="2026-01-01T00:01:00.000Z"><point lat="1" lon="2"/><detail><remarks>&lol2;</remarks></detail></event>',
  );
  await bomb.waitClosed();
  assert.equal(cot.metrics().drops.entity, 1);
  assert.equal(cot.metrics().disconnections.fatal_stream_error, 1);

  const flood = await joined('coalition-reporter');
  let burst = '';
  for (let i = 0; i < 400; i++) burst += `<?xml version="1.0"?>\n${positionXml(`F-${i}`)}`;
  flood.socket.write(burst);
  await flood.waitClosed();
  assert.ok((cot.metrics().drops.flood ?? 0) > 80);
  assert.equal(cot.metrics().disconnections.flood, 1);

  // The server goes on serving the others.
  watcher.send(cotEvent('ping-w', 't-x-c-t', 'm-g', 0, 0));
  await watcher.waitFor((e) => e.type === pongType, 5000, 'a pong after the attacks');
});

function positionXml(uid: string): string {
  const now = new Date().toISOString();
  const stale = new Date(Date.now() + 60_000).toISOString();
  return `<event version="2.0" uid="${uid}" type="a-f-G-U-C" how="m-g" time="${now}" start="${now}" stale="${stale}"><point lat="35.5" lon="44.4" hae="0" ce="10" le="10"/><detail/></event>`;
}

test('a stalled reader is cut off and counted while a normal client keeps getting every report', async (t) => {
  const { cot, joined } = await startCot(t, {
    maxEventsPerSecond: 100_000,
    queueCap: 64,
    queueHardCap: 256,
    slowClientMs: 300,
  });
  const sender = await joined('isf-reporter');
  const normal = await joined('isf-viewer');
  const stalled = await joined('isf-analyst');
  stalled.socket.pause(); // never reads again
  const remarks = `<remarks>${'r'.repeat(6000)}</remarks>`;
  const total = 1500;
  for (let i = 0; i < total; i++) {
    const e = positionReport('ANDROID-isf-reporter', 'ALPHA', 44 + i / 10_000, 35.5);
    e.detail.xmlDetail = remarks + `<seq n="${i}"/>`;
    sender.send(e);
    if (i % 100 === 0) await sleep(5);
  }
  const last = await normal.waitFor(
    (e) => e.detail.xmlDetail?.includes(`<seq n="${total - 1}"/>`) ?? false,
    10_000,
    'the last report',
  );
  assert.ok(last);
  await sleep(600);
  assert.ok(
    stalled.closed || cot.clients().every((c) => c.username !== 'isf-analyst'),
    'the stalled client is cut off',
  );
  assert.equal(cot.metrics().disconnections.slow_client, 1);
  assert.ok(cot.clients().some((c) => c.username === 'isf-viewer'));
});

test('a client may not speak for Seam’s markers or another user’s unit; the same device on a new connection replaces its old one', async (t) => {
  const { cot, joined } = await startCot(t);
  const a = await joined('isf-reporter');
  const b = await joined('isf-analyst');
  const watcher = await joined('isf-viewer');
  a.send(positionReport('ANDROID-A', 'ALPHA', 44.4, 35.5));
  const first = await watcher.waitFor((e) => e.uid === 'ANDROID-A');
  assert.equal(first.caveat, 'partners', 'relayed positions say who they are released to');
  assert.equal(first.releaseableTo, 'isf,peshmerga');
  b.send(positionReport('ANDROID-A', 'IMPOSTOR', 44.9, 35.9));
  b.send(cotEvent('seam.incident.0193', 'a-h-G', 'h-e', 44, 35));
  await sleep(200);
  assert.ok(!watcher.events.some((e) => e.detail.contact?.callsign === 'IMPOSTOR' || e.uid.startsWith('seam.')));
  assert.equal(cot.metrics().drops.invalid, 2);

  const again = await joined('isf-reporter');
  again.send(positionReport('ANDROID-A', 'ALPHA', 44.41, 35.5));
  await a.waitClosed();
  await watcher.waitFor((e) => e.uid === 'ANDROID-A' && e.point.lon === 44.41);
  assert.equal(cot.metrics().disconnections.replaced, 1);
});

test('a socket the transport already authenticated (as the TLS listener hands it over) is served at once, and disconnected by its certificate', async (t) => {
  const { cot, store, joined } = await startCot(t);
  const actor = await actorForUser(store, 'peshmerga-reporter');
  const listener = createServer((socket) => cot.accept(socket, { actor, via: 'tls-cert', certSerial: '5EA0001' }));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => listener.close(() => resolve())));
  const port = (listener.address() as AddressInfo).port;
  const certified = await TakClient.connect(port, {
    username: 'peshmerga-reporter',
    password: '',
    uid: 'ANDROID-cert',
    noAuth: true,
    protobuf: true,
  });
  t.after(() => certified.close());
  await certified.waitFor((e) => e.type === 't-x-takp-r', 5000, 'the protocol answer');
  certified.send(positionReport('ANDROID-cert', 'P-CERT', 44.4, 35.5));
  const isf = await joined('isf-viewer');
  await isf.waitFor((e) => e.uid === 'ANDROID-cert', 5000, 'the certified client’s position');
  assert.deepEqual(
    cot.clients().find((c) => c.uid === 'ANDROID-cert'),
    {
      uid: 'ANDROID-cert',
      callsign: 'P-CERT',
      username: 'peshmerga-reporter',
      org: 'peshmerga',
      lastEventAt: cot.clients().find((c) => c.uid === 'ANDROID-cert')?.lastEventAt,
      via: 'tls-cert',
    },
  );
  assert.equal(cot.disconnect({ certSerial: 'other' }), 0);
  assert.equal(cot.disconnect({ certSerial: '5EA0001' }), 1);
  await certified.waitClosed();
  assert.equal(cot.disconnect({}), 0, 'an empty selection ends nothing');
});

test('refused connections are forgotten', async (t) => {
  const { cot, join } = await startCot(t);
  for (let i = 0; i < 3; i++) await (await join('isf-reporter', { password: 'wrong-password' })).waitClosed();
  assert.equal(cot.metrics().connections, 0);
  assert.equal(cot.metrics().connectionsTotal, 3);
});

test('a user disabled while connected is cut off', async (t) => {
  const { cot, store, joined } = await startCot(t, { userRecheckMs: 200 });
  const client = await joined('peshmerga-reporter');
  await disableUser(store, null, 'peshmerga-reporter');
  await client.waitClosed(5000);
  assert.equal(cot.metrics().disconnections.kicked, 1);
});

test('malformed protobuf is refused: a bad message is skipped, broken framing ends only that connection', async (t) => {
  const { cot, joined } = await startCot(t);
  const client = await joined('isf-reporter', { protobuf: true });
  client.socket.write(Buffer.from([0xbf, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff]));
  client.send(cotEvent('ping-proto', 't-x-c-t', 'm-g', 0, 0));
  await client.waitFor((e) => e.type === pongType, 5000, 'a pong after the bad message');
  assert.equal(cot.metrics().drops.malformed, 1);
  client.socket.write(Buffer.from([0x00, 0x01, 0x02]));
  await client.waitClosed();
  assert.equal(cot.metrics().disconnections.fatal_stream_error, 1);
  const other = await joined('isf-viewer', { protobuf: true });
  other.send(cotEvent('ping-other', 't-x-c-t', 'm-g', 0, 0));
  await other.waitFor((e) => e.type === pongType, 5000, 'the server still answers');
});
