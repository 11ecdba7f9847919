import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cotEvent, takMessage } from '../../test/harness/cot-events.ts';
import type { CotErrorKind } from './cot-error.ts';
import type { CotEvent, TakMessage } from './event.ts';
import { CotStreamDecoder, encodeStreamFrame, encodeXmlFrame, type StreamItem } from './framing.ts';
import { protocolRequest } from './negotiation.ts';
import { writeCotXml } from './xml.ts';

/** The bytes cut at the given points (any order, duplicates allowed). */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(last, p));
    last = p;
  }
  return out;
}

function feed(decoder: CotStreamDecoder, chunks: Buffer[]): StreamItem[] {
  return chunks.flatMap((c) => decoder.push(c));
}

const messages = (items: StreamItem[]) => items.map((i) => (i.kind === 'message' ? i.message : i));
const errors = (items: StreamItem[]) =>
  items.flatMap((i) => (i.kind === 'error' ? [[i.error.kind, i.fatal] as [CotErrorKind, boolean]] : []));

const event = (uid: string, remarks = ''): CotEvent => ({
  uid,
  type: 'a-f-G-U-C',
  how: 'm-g',
  time: '2026-03-01T10:00:00.000Z',
  start: '2026-03-01T10:00:00.000Z',
  stale: '2026-03-01T10:05:00.000Z',
  point: { lat: 36, lon: 44, hae: 9999999, ce: 9999999, le: 9999999 },
  detail: remarks ? { contact: { callsign: uid }, xmlDetail: `<remarks>${remarks}</remarks>` } : {},
});

/** The ways TAK clients and servers lay out an XML stream between events. */
const separator = fc.constantFrom('', '\n', '\r\n  ', '<!-- between -->', '<?xml version="1.0"?>\n', '\uFEFF');

test('version 0: the same events come out however the XML stream is split into chunks', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(cotEvent, separator, fc.boolean()), { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (parts, cuts) => {
        const bytes = Buffer.concat(
          parts.map(([e, sep, prolog]) =>
            Buffer.concat([Buffer.from(sep), prolog ? encodeXmlFrame(e) : Buffer.from(writeCotXml(e))]),
          ),
        );
        const items = feed(new CotStreamDecoder(), split(bytes, cuts));
        assert.deepEqual(
          messages(items),
          parts.map(([e]) => ({ event: e })),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('version 0: byte by byte, with "</event>" and ">" inside attributes, CDATA and comments', () => {
  const tricky =
    `<event version='2.0' uid="a/>b&lt;/event>" type='a-f-G' how="m-g" time="2026-03-01T10:00:00Z" start="2026-03-01T10:00:00Z" stale="2026-03-01T10:05:00Z">` +
    `<point lat="1" lon="2" hae="0" ce="0" le="0"/><detail><remarks><![CDATA[</event>]]]></remarks><!-- </event> --><?pi </event>?></detail></event>`;
  const bytes = Buffer.from(`${tricky}${writeCotXml(event('after'))}`);
  const items = feed(new CotStreamDecoder(), split(bytes, [...bytes.keys()]));
  assert.deepEqual(errors(items), []);
  assert.deepEqual(
    messages(items).map((m) => ('event' in m ? [m.event?.uid, m.event?.detail.xmlDetail] : m)),
    [
      ['a/>b</event>', '<remarks>&lt;/event&gt;]</remarks>'],
      ['after', undefined],
    ],
  );
});

test('version 1: the same messages come out however the stream is split into chunks', () => {
  fc.assert(
    fc.property(
      fc.array(takMessage, { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (ms, cuts) => {
        const bytes = Buffer.concat(ms.map(encodeStreamFrame));
        const items = feed(new CotStreamDecoder({ version: 1 }), split(bytes, cuts));
        assert.deepEqual(messages(items), ms);
      },
    ),
    { numRuns: 300 },
  );
});

test('a malformed or invalid event is reported and the stream goes on', () => {
  const bytes = Buffer.from(
    [
      writeCotXml(event('one')),
      '<event version="2.0" uid="bad"><point lat="1" lon="2"/></wrong></event>',
      '<event version="2.0" uid="x" type="t" time="2026-03-01T10:00:00Z" start="2026-03-01T10:00:00Z" stale="2026-03-01T10:00:00Z"><point lat="95" lon="2"/></event>',
      'stray text',
      '<auth><cot username="u" password="p"/></auth>',
      '<event version="2.0" uid="e"><point lat="1" lon="2"/><detail>&unknown;</detail></event>',
      writeCotXml(event('two')),
    ].join('\n'),
  );
  const items = feed(new CotStreamDecoder(), split(bytes, [7, 100, 333, 400]));
  assert.deepEqual(errors(items), [
    // The mismatched end tag ends the event early; the one after it is stray.
    ['malformed', false],
    ['malformed', false],
    ['invalid', false],
    ['malformed', false],
    ['malformed', false],
    ['entity', false],
  ]);
  assert.deepEqual(
    items.flatMap((i) => (i.kind === 'message' ? [i.message.event?.uid] : [])),
    ['one', 'two'],
  );
});

test('an oversized XML event is refused before it is buffered, and skipped', () => {
  const decoder = new CotStreamDecoder({ maxBytes: 4096 });
  const big = Buffer.from(writeCotXml(event('big', 'x'.repeat(20_000))));
  const chunks = split(big, [1000, 2000, 3000, 4000, 5000, 6000]);
  // Refused at the chunk that passes the limit, not when the event ends.
  const early = feed(decoder, chunks.slice(0, 5));
  assert.deepEqual(errors(early), [['too_large', false]]);
  const rest = feed(decoder, [...chunks.slice(5), Buffer.from(writeCotXml(event('next')))]);
  assert.deepEqual(errors(rest), []);
  assert.deepEqual(
    rest.map((i) => (i.kind === 'message' ? i.message.event?.uid : i)),
    ['next'],
  );
  // Within one chunk too.
  const once = new CotStreamDecoder({ maxBytes: 4096 }).push(
    Buffer.concat([big, Buffer.from(writeCotXml(event('n')))]),
  );
  assert.deepEqual(errors(once), [['too_large', false]]);
  assert.equal(once.at(-1)?.kind, 'message');
});

test('an XML event that never ends is given up as fatal, without keeping its bytes', () => {
  const decoder = new CotStreamDecoder({ maxBytes: 1024 });
  let items = decoder.push(Buffer.from(`<event version="2.0" uid="u"><detail><remarks>`));
  for (let i = 0; i < 40 && !decoder.closed; i++) items = items.concat(decoder.push(Buffer.alloc(1024, 0x61)));
  assert.ok(decoder.closed);
  assert.deepEqual(errors(items), [
    ['too_large', false],
    ['too_large', true],
  ]);
});

test('a DOCTYPE in the stream (billion laughs) is fatal: the decoder stops', () => {
  const decoder = new CotStreamDecoder();
  const laughs =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><event>&lol2;</event>';
  const items = feed(decoder, [Buffer.from(writeCotXml(event('first'))), Buffer.from(laughs)]);
  assert.deepEqual(messages(items)[0], { event: event('first') });
  assert.deepEqual(errors(items), [['entity', true]]);
  assert.ok(decoder.closed);
  assert.deepEqual(decoder.push(Buffer.from(writeCotXml(event('later')))), []);
});

test('version 1: an oversized message is skipped by its length; a bad body is reported; bad framing is fatal', () => {
  const small = encodeStreamFrame({ event: event('small') });
  const big = encodeStreamFrame({ event: event('big', 'x'.repeat(5000)) });
  const decoder = new CotStreamDecoder({ version: 1, maxBytes: 1024 });
  // Refused as soon as the length is read.
  assert.deepEqual(errors(decoder.push(big.subarray(0, 4))), [['too_large', false]]);
  const junkBody = Buffer.from([0xbf, 3, 0x0a, 0x05, 0x01]);
  const items = feed(decoder, [big.subarray(4), junkBody, small]);
  assert.deepEqual(errors(items), [['malformed', false]]);
  assert.deepEqual(messages(items).at(-1), { event: event('small') });

  const badMagic = new CotStreamDecoder({ version: 1 });
  assert.deepEqual(errors(badMagic.push(Buffer.from('<event/>'))), [['malformed', true]]);
  assert.ok(badMagic.closed);
  const longLength = new CotStreamDecoder({ version: 1 });
  assert.deepEqual(errors(longLength.push(Buffer.from([0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))), [
    ['malformed', true],
  ]);
  // An empty message is a message with nothing in it.
  assert.deepEqual(messages(new CotStreamDecoder({ version: 1 }).push(Buffer.from([0xbf, 0]))), [{}]);
});

test('negotiation: bytes after a protocol request wait for the answer, then read in the new version', () => {
  const request = Buffer.from(writeCotXml(protocolRequest('proto-1', Date.UTC(2026, 2, 1), 1)));
  const after: TakMessage = { event: event('in-protobuf') };
  const decoder = new CotStreamDecoder();
  const frame = encodeStreamFrame(after);
  const first = decoder.push(Buffer.concat([request, frame.subarray(0, 10)]));
  assert.equal(first.length, 1);
  assert.equal(first[0].kind === 'message' && first[0].message.event?.type, 't-x-takp-q');
  assert.ok(decoder.awaitingAnswer);
  // Bytes that arrive before the answer wait too.
  assert.deepEqual(decoder.push(frame.subarray(10)), []);
  assert.deepEqual(messages(decoder.setVersion(1)), [after]);
  assert.ok(!decoder.awaitingAnswer);
  assert.equal(decoder.version, 1);
  assert.deepEqual(messages(decoder.push(encodeStreamFrame(after))), [after]);

  // Declined: the held bytes are read as XML again.
  const declined = new CotStreamDecoder();
  declined.push(Buffer.concat([request, Buffer.from(writeCotXml(event('xml')))]));
  assert.deepEqual(messages(declined.setVersion(0)), [{ event: event('xml') }]);

  // A client that keeps sending while it should wait is cut off.
  const eager = new CotStreamDecoder({ maxBytes: 2048 });
  eager.push(request);
  eager.push(Buffer.alloc(2000));
  assert.deepEqual(errors(eager.push(Buffer.alloc(100))), [['malformed', true]]);
});

test('a whole connection (XML, the request, then protobuf) reads the same however it is split', () => {
  fc.assert(
    fc.property(
      fc.array(cotEvent, { maxLength: 3 }),
      fc.array(takMessage, { minLength: 1, maxLength: 3 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      (before, after, cuts) => {
        const request = protocolRequest('proto-1', Date.UTC(2026, 2, 1), 1);
        const bytes = Buffer.concat([
          ...before.map(encodeXmlFrame),
          encodeXmlFrame(request),
          ...after.map(encodeStreamFrame),
        ]);
        const decoder = new CotStreamDecoder();
        const items: StreamItem[] = [];
        for (const chunk of split(bytes, cuts)) {
          items.push(...decoder.push(chunk));
          // The server answers as soon as it sees the request.
          if (decoder.awaitingAnswer) items.push(...decoder.setVersion(1));
        }
        assert.deepEqual(messages(items), [...before.map((e) => ({ event: e })), { event: request }, ...after]);
      },
    ),
    { numRuns: 200 },
  );
});

test('any bytes in any chunks give messages and errors, never a throw', () => {
  const valid = Buffer.concat([encodeXmlFrame(event('a', 'r')), encodeStreamFrame({ event: event('b') })]);
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
    fc
      .tuple(fc.nat(valid.length), fc.uint8Array({ maxLength: 8 }))
      .map(([at, insert]) => Buffer.concat([valid.subarray(0, at), insert, valid.subarray(at)])),
    fc
      .array(fc.constantFrom('<', '>', '/', '!', '?', '-', '[CDATA[', ']]', '"', "'", 'event', ' ', '\xbf'), {
        maxLength: 60,
      })
      .map((a) => Buffer.from(a.join(''), 'latin1')),
  );
  fc.assert(
    fc.property(bytes, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(0, 1), (b, cuts, version) => {
      const decoder = new CotStreamDecoder({ version: version as 0 | 1, maxBytes: 256 });
      for (const item of feed(decoder, split(b, cuts))) {
        assert.ok(item.kind === 'message' || item.error.kind, 'an item');
      }
    }),
    { numRuns: 2000 },
  );
});
