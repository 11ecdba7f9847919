import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import protobuf from 'protobufjs';
import { realisticCotEvent, takMessage } from '../../test/harness/cot-events.ts';
import { NodeCoT as CoT } from '../../test/harness/node-cot.ts';
import { CotError, type CotErrorKind } from './cot-error.ts';
import type { CotEvent } from './event.ts';
import { decodeTakMessage, encodeTakMessage, takMessageType } from './proto.ts';
import { writeCotXml } from './xml.ts';

function cotError(kind: CotErrorKind, pattern?: RegExp) {
  return (e: unknown) => e instanceof CotError && e.kind === kind && (!pattern || pattern.test(e.message));
}

const full: CotEvent = {
  uid: 'ANDROID-1',
  type: 'a-f-G-U-C',
  how: 'm-g',
  time: '2026-03-01T10:00:00.123Z',
  start: '2026-03-01T10:00:00.123Z',
  stale: '2026-03-01T10:06:00.123Z',
  point: { lat: 36.19, lon: 44.01, hae: 412.5, ce: 9.9, le: 9999999 },
  access: 'Undefined',
  qos: '1-r-c',
  opex: 'e-EXERCISE',
  caveat: 'FOUO',
  releaseableTo: 'IRQ KRG',
  detail: {
    contact: { callsign: 'HAWK 1', endpoint: '*:-1:stcp' },
    group: { name: 'Cyan', role: 'Team Member' },
    takv: { device: 'Pixel', platform: 'ATAK-CIV', os: '34', version: '5.2' },
    track: { speed: 1.5, course: 181.2 },
    status: { battery: 77 },
    precisionLocation: { geopointsrc: 'GPS', altsrc: 'DTED0' },
    xmlDetail: '<remarks>On the ridge</remarks>',
  },
};

/** Field number → wire type of each message, as in the public takproto .proto files (TAK Server's for 3, 4, 16, 17). */
const expected = {
  TakMessage: { 1: 2, 2: 2, 3: 0, 4: 0 },
  TakControl: { 1: 0, 2: 0, 3: 2 },
  CotEvent: {
    1: 2,
    2: 2,
    3: 2,
    4: 2,
    5: 2,
    6: 0,
    7: 0,
    8: 0,
    9: 2,
    10: 1,
    11: 1,
    12: 1,
    13: 1,
    14: 1,
    15: 2,
    16: 2,
    17: 2,
  },
  Detail: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2 },
  Contact: { 1: 2, 2: 2 },
  Group: { 1: 2, 2: 2 },
  PrecisionLocation: { 1: 2, 2: 2 },
  Status: { 1: 0 },
  Takv: { 1: 2, 2: 2, 3: 2, 4: 2 },
  Track: { 1: 1, 2: 1 },
};

/** The fields on the wire of one message, read with a bare protobuf reader (no schema). */
function wireFields(bytes: Uint8Array): Map<number, { wire: number; value: unknown }> {
  const r = protobuf.Reader.create(bytes);
  const out = new Map<number, { wire: number; value: unknown }>();
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    let value: unknown;
    if (wire === 0) value = r.uint64().toString();
    else if (wire === 1) value = r.double();
    else if (wire === 2) value = r.bytes();
    else throw new Error(`unexpected wire type ${wire}`);
    out.set(field, { wire, value });
  }
  return out;
}

function fieldTable(fields: Map<number, { wire: number }>): Record<number, number> {
  return Object.fromEntries([...fields].map(([n, f]) => [n, f.wire]));
}

test('field numbers and wire types on the wire match the public TAK protocol .proto files', () => {
  const bytes = encodeTakMessage({
    control: { minProtoVersion: 1, maxProtoVersion: 2, contactUid: 'ANDROID-1' },
    event: full,
    submissionTime: 1,
    creationTime: 2,
  });
  const message = wireFields(bytes);
  assert.deepEqual(fieldTable(message), expected.TakMessage);
  assert.deepEqual(fieldTable(wireFields(message.get(1)?.value as Uint8Array)), expected.TakControl);
  const event = wireFields(message.get(2)?.value as Uint8Array);
  assert.deepEqual(fieldTable(event), expected.CotEvent);
  const text = (f: Map<number, { value: unknown }>, n: number) => Buffer.from(f.get(n)?.value as Uint8Array).toString();
  assert.deepEqual(
    [1, 2, 3, 4, 5, 9, 16, 17].map((n) => text(event, n)),
    ['a-f-G-U-C', 'Undefined', '1-r-c', 'e-EXERCISE', 'ANDROID-1', 'm-g', 'FOUO', 'IRQ KRG'],
  );
  assert.deepEqual(
    [6, 7, 8].map((n) => event.get(n)?.value),
    [Date.parse(full.time), Date.parse(full.start), Date.parse(full.stale)].map(String),
  );
  assert.deepEqual(
    [10, 11, 12, 13, 14].map((n) => event.get(n)?.value),
    [36.19, 44.01, 412.5, 9.9, 9999999],
  );
  const detail = wireFields(event.get(15)?.value as Uint8Array);
  assert.deepEqual(fieldTable(detail), expected.Detail);
  const sub = (n: number) => wireFields(detail.get(n)?.value as Uint8Array);
  assert.deepEqual(fieldTable(sub(2)), expected.Contact);
  assert.deepEqual([text(sub(2), 1), text(sub(2), 2)], ['*:-1:stcp', 'HAWK 1']);
  assert.deepEqual(fieldTable(sub(3)), expected.Group);
  assert.deepEqual(fieldTable(sub(4)), expected.PrecisionLocation);
  assert.deepEqual([text(sub(4), 1), text(sub(4), 2)], ['GPS', 'DTED0']);
  assert.deepEqual(fieldTable(sub(5)), expected.Status);
  assert.deepEqual(fieldTable(sub(6)), expected.Takv);
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => text(sub(6), n)),
    ['Pixel', 'ATAK-CIV', '34', '5.2'],
  );
  assert.deepEqual(fieldTable(sub(7)), expected.Track);
  assert.deepEqual([sub(7).get(1)?.value, sub(7).get(2)?.value], [1.5, 181.2]);
  assert.equal(text(detail, 1), '<remarks>On the ridge</remarks>');
  // The schema object agrees with itself.
  assert.equal(takMessageType.fields.cotEvent.id, 2);
});

test('protobuf round trip: decode(encode(m)) = m for every field, caveat and releaseableTo included', () => {
  fc.assert(
    fc.property(takMessage, (m) => {
      assert.deepEqual(decodeTakMessage(encodeTakMessage(m)), m);
    }),
    { numRuns: 500 },
  );
});

test('node-cot reads the protobuf Seam writes: same uid, type, point and callsign', () => {
  fc.assert(
    fc.property(realisticCotEvent, (e) => {
      const theirs = CoT.from_proto(encodeTakMessage({ event: e }));
      const a = theirs.raw.event._attributes;
      assert.deepEqual([a.uid, a.type], [e.uid, e.type]);
      const p = theirs.raw.event.point._attributes;
      assert.deepEqual([Number(p.lat), Number(p.lon)], [e.point.lat, e.point.lon]);
      if (e.detail.contact)
        assert.equal(theirs.raw.event.detail?.contact?._attributes?.callsign, e.detail.contact.callsign);
    }),
    { numRuns: 200 },
  );
});

/** A copy of a value with every string in it mapped. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
}

test('Seam reads the protobuf node-cot writes from its own .proto files: same uid, type, point, callsign', () => {
  fc.assert(
    // node-cot writes what it puts in xmlDetail (__group among it) without escaping: its strings
    // are kept free of what XML must escape, and its unmodelled detail left out.
    fc.property(realisticCotEvent, (full) => {
      const plain = mapStrings(full, (t) => t.replace(/[&<>"'\t\n\r]/g, '_'));
      const e = { ...plain, detail: { ...plain.detail, xmlDetail: undefined } };
      const ours = decodeTakMessage(new CoT(writeCotXml(e)).to_proto()).event;
      assert.ok(ours);
      assert.deepEqual(
        [ours.uid, ours.type, ours.how, ours.time, ours.start, ours.stale],
        [e.uid, e.type, e.how, e.time, e.start, e.stale],
      );
      assert.deepEqual(ours.point, e.point);
      assert.deepEqual(ours.detail.contact, e.detail.contact);
      assert.deepEqual(ours.detail.group, e.detail.group);
      assert.deepEqual(ours.detail.track, e.detail.track);
    }),
    { numRuns: 200 },
  );
});

test('an element sent in xmlDetail wins over its message, as the protocol says', () => {
  const bytes = takMessageType
    .encode(
      takMessageType.fromObject({
        cotEvent: {
          type: 'a-f-G',
          uid: 'u',
          how: 'm-g',
          sendTime: 0,
          startTime: 0,
          staleTime: 0,
          detail: { xmlDetail: '<contact callsign="from-xml"/>', contact: { callsign: 'from-message' } },
        },
      }),
    )
    .finish();
  assert.deepEqual(decodeTakMessage(bytes).event?.detail, { contact: { callsign: 'from-xml' } });
});

function rawEvent(fields: Record<string, unknown>): Uint8Array {
  const event = { type: 'a-f-G', uid: 'u', how: 'm-g', sendTime: 0, startTime: 0, staleTime: 0, ...fields };
  return takMessageType.encode(takMessageType.fromObject({ cotEvent: event })).finish();
}

test('a protobuf event is checked like an XML one', () => {
  assert.throws(() => decodeTakMessage(rawEvent({ uid: '' })), cotError('invalid', /uid/));
  assert.throws(() => decodeTakMessage(rawEvent({ type: '' })), cotError('invalid', /type/));
  assert.throws(() => decodeTakMessage(rawEvent({ lat: 90.01 })), cotError('invalid', /lat/));
  assert.throws(() => decodeTakMessage(rawEvent({ lon: Number.NaN })), cotError('invalid', /lon/));
  assert.throws(() => decodeTakMessage(rawEvent({ hae: Number.POSITIVE_INFINITY })), cotError('invalid', /hae/));
  assert.throws(() => decodeTakMessage(rawEvent({ staleTime: 253402300800000 })), cotError('invalid', /stale/));
  // xmlDetail goes through the same hardened reader.
  const laugh = '<!DOCTYPE d [<!ENTITY a "aaaa">]><x>&a;</x>';
  assert.throws(() => decodeTakMessage(rawEvent({ detail: { xmlDetail: laugh } })), cotError('malformed'));
  assert.throws(() => decodeTakMessage(rawEvent({ detail: { xmlDetail: '<x>&a;</x>' } })), cotError('entity'));
  assert.throws(() => decodeTakMessage(rawEvent({ detail: { xmlDetail: '</detail><x>' } })), cotError('malformed'));
  assert.throws(
    () => decodeTakMessage(rawEvent({ detail: { xmlDetail: '<a>'.repeat(40) + '</a>'.repeat(40) } })),
    cotError('too_deep'),
  );
  // Whatever xmlDetail held comes back canonical, so it can go into XML as it is.
  const tidy = decodeTakMessage(rawEvent({ detail: { xmlDetail: ' <a  b = "1"><![CDATA[<&>]]></a> <!-- c --> ' } }));
  assert.equal(tidy.event?.detail.xmlDetail, '<a b="1">&lt;&amp;&gt;</a>');
});

test('malformed or oversized protobuf is refused with a CotError, never a crash', () => {
  const good = encodeTakMessage({ event: full });
  for (let cut = 1; cut < good.length; cut += 7) {
    assert.throws(
      () => decodeTakMessage(good.subarray(0, cut)),
      (e: unknown) => e instanceof CotError,
    );
  }
  assert.throws(() => decodeTakMessage(good, { maxBytes: 100 }), cotError('too_large'));
  // Nested groups a naive skipper recurses into.
  assert.throws(() => decodeTakMessage(new Uint8Array(60_000).fill(0x2b)), cotError('malformed'));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        decodeTakMessage(bytes);
      } catch (e) {
        assert.ok(e instanceof CotError, String(e));
      }
    }),
    { numRuns: 2000 },
  );
  // Flipped bytes of a real message.
  fc.assert(
    fc.property(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
      const bytes = Uint8Array.from(good);
      bytes[at] = value;
      try {
        decodeTakMessage(bytes);
      } catch (e) {
        assert.ok(e instanceof CotError, String(e));
      }
    }),
    { numRuns: 2000 },
  );
});

test('TakControl versions left at 0 read as version 1', () => {
  const bytes = takMessageType.encode(takMessageType.fromObject({ takControl: {} })).finish();
  assert.deepEqual(decodeTakMessage(bytes), { control: { minProtoVersion: 1, maxProtoVersion: 1 } });
});
