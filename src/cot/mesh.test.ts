import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { takMessage } from '../../test/harness/cot-events.ts';
import type { CotEvent } from './event.ts';
import { encodeVarint } from './framing.ts';
import { decodeMeshDatagram, encodeMeshDatagram } from './mesh.ts';

const event = (uid: string): CotEvent => ({
  uid,
  type: 'a-f-G-U-C',
  how: 'm-g',
  time: '2026-03-01T10:00:00.000Z',
  start: '2026-03-01T10:00:00.000Z',
  stale: '2026-03-01T10:05:00.000Z',
  point: { lat: 36, lon: 44, hae: 9999999, ce: 9999999, le: 9999999 },
  detail: { contact: { callsign: uid }, xmlDetail: '<remarks>hi</remarks>' },
});

test('mesh datagrams of version 0 and 1', () => {
  fc.assert(
    fc.property(takMessage, (m) => {
      assert.deepEqual(decodeMeshDatagram(encodeMeshDatagram(m, 1)), m);
    }),
    { numRuns: 100 },
  );
  const e = event('mesh');
  assert.deepEqual(decodeMeshDatagram(encodeMeshDatagram({ event: e }, 0)), { event: e });
  const v1 = encodeMeshDatagram({ event: e }, 1);
  assert.deepEqual([...v1.subarray(0, 3)], [0xbf, 1, 0xbf]);
  const v2 = Buffer.concat([Buffer.from([0xbf]), encodeVarint(2), v1.subarray(2)]);
  assert.throws(
    () => decodeMeshDatagram(v2),
    (err: unknown) => (err as { kind: string }).kind === 'unsupported',
  );
  assert.throws(
    () => decodeMeshDatagram(Buffer.from([0xbf, 1, 0x00])),
    (err: unknown) => (err as { kind: string }).kind === 'malformed',
  );
  assert.throws(
    () => decodeMeshDatagram(Buffer.from([0xbf, 0x81])),
    (err: unknown) => (err as { kind: string }).kind === 'malformed',
  );
});
