import assert from 'node:assert/strict';
import { protocolOfferType } from '../../src/cot/event.ts';
import { CotServer, type CotServerOptions } from '../../src/cot/server/cot-server.ts';
import { createFixture, testPassword } from './fixture.ts';
import { NodeCoT } from './node-cot.ts';
import { TakClient } from './tak-client.ts';

/**
 * The fixture's site (isf, peshmerga, coalition, other; JCC k1 of isf and peshmerga; group intel)
 * behind a real CoT server on a free loopback port; `join` connects a user's TAK client with
 * in-band credentials, `joined` waits until it is in (offered the protocol, switched if it asked).
 */
export async function startCot(t: { after(fn: () => void | Promise<void>): void }, options: CotServerOptions = {}) {
  const fixture = await createFixture(t);
  const logs: Array<{ msg: string; fields: Record<string, unknown> }> = [];
  const cot = new CotServer({
    store: fixture.store,
    bus: fixture.store.bus,
    options: { ...options, log: (_level, msg, fields) => logs.push({ msg, fields }) },
  });
  const address = await cot.listenTcp('127.0.0.1', 0);
  t.after(() => cot.close());
  const clients: TakClient[] = [];
  t.after(() => {
    for (const c of clients) c.close();
  });
  const join = async (username: string, extra: { protobuf?: boolean; uid?: string; password?: string } = {}) => {
    const client = await TakClient.connect(address.port, {
      username,
      password: extra.password ?? testPassword,
      uid: extra.uid ?? `ANDROID-${username}`,
      callsign: username.toUpperCase(),
      protobuf: extra.protobuf,
    });
    clients.push(client);
    return client;
  };
  /** A client that is in: it got the offer (and, asking for protobuf, the answer). */
  const joined = async (username: string, extra: { protobuf?: boolean; uid?: string } = {}) => {
    const client = await join(username, extra);
    await client.waitFor((e) => e.type === protocolOfferType, 5000, 'the protocol offer');
    if (extra.protobuf) await client.waitFor((e) => e.type === 't-x-takp-r', 5000, 'the protocol answer');
    return client;
  };
  return { ...fixture, cot, port: address.port, logs, join, joined, clients };
}

/** Every event a client got parses in node-cot, the independent parser. */
export function assertNodeCotReads(client: TakClient): void {
  assert.ok(client.raw.length > 0);
  for (const r of client.raw) {
    const parsed = 'xml' in r ? new NodeCoT(r.xml) : NodeCoT.from_proto(r.proto);
    assert.ok(parsed.uid().length > 0);
  }
}
