import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cotEvent, realisticCotEvent } from '../../test/harness/cot-events.ts';
import { NodeCoT as CoT } from '../../test/harness/node-cot.ts';
import { CotError, type CotErrorKind } from './cot-error.ts';
import type { CotEvent } from './event.ts';
import { decodeTakMessage, encodeTakMessage } from './proto.ts';
import { parseCotXml, writeCotXml } from './xml.ts';

const atak = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<event version="2.0" uid="ANDROID-589520ccfcd20f01" type="a-f-G-U-C" how="h-e"
       time="2026-03-01T10:00:00.123Z" start="2026-03-01T10:00:00.123Z" stale="2026-03-01T10:06:00.123Z"
       access="Undefined" caveat="FOUO" releaseableTo="IRQ KRG">
  <point lat="36.19" lon="44.01" hae="412.5" ce="9.9" le="9999999.0"/>
  <detail>
    <takv os="34" version="5.2.0.4 (1a2b3c4d).1700000000-CIV" device="GOOGLE PIXEL 7" platform="ATAK-CIV"/>
    <contact endpoint="*:-1:stcp" callsign="HAWK 1"/>
    <uid Droid="HAWK 1"/>
    <precisionlocation altsrc="GPS" geopointsrc="GPS"/>
    <__group role="Team Member" name="Cyan"/>
    <status battery="77"/>
    <track course="181.2" speed="0.0"/>
    <remarks>On the ridge &amp; moving</remarks>
  </detail>
</event>`;

function cotError(kind: CotErrorKind, pattern?: RegExp) {
  return (e: unknown) => e instanceof CotError && e.kind === kind && (!pattern || pattern.test(e.message));
}

test('an ATAK position report reads into the model, unmodelled detail kept as XML', () => {
  const e = parseCotXml(atak);
  assert.deepEqual(e, {
    uid: 'ANDROID-589520ccfcd20f01',
    type: 'a-f-G-U-C',
    how: 'h-e',
    time: '2026-03-01T10:00:00.123Z',
    start: '2026-03-01T10:00:00.123Z',
    stale: '2026-03-01T10:06:00.123Z',
    access: 'Undefined',
    caveat: 'FOUO',
    releaseableTo: 'IRQ KRG',
    point: { lat: 36.19, lon: 44.01, hae: 412.5, ce: 9.9, le: 9999999 },
    detail: {
      takv: { device: 'GOOGLE PIXEL 7', platform: 'ATAK-CIV', os: '34', version: '5.2.0.4 (1a2b3c4d).1700000000-CIV' },
      contact: { callsign: 'HAWK 1', endpoint: '*:-1:stcp' },
      precisionLocation: { geopointsrc: 'GPS', altsrc: 'GPS' },
      group: { name: 'Cyan', role: 'Team Member' },
      status: { battery: 77 },
      track: { speed: 0, course: 181.2 },
      xmlDetail: '<uid Droid="HAWK 1"/><remarks>On the ridge &amp; moving</remarks>',
    },
  } satisfies CotEvent);
  assert.deepEqual(parseCotXml(writeCotXml(e)), e);
  // Bytes read as UTF-8 alike.
  assert.deepEqual(parseCotXml(Buffer.from(atak)), e);
});

test('times are normalised to UTC with milliseconds; hae/ce/le default to unknown', () => {
  const e = parseCotXml(
    '<event version="2.0" uid="u" type="t" time="2026-03-01T10:00:00Z" start="2026-03-01T12:30:00.5+02:30" stale="2026-03-01T10:00:00.123456789Z"><point lat="0" lon="0"/></event>',
  );
  assert.deepEqual(
    [e.time, e.start, e.stale],
    ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.500Z', '2026-03-01T10:00:00.123Z'],
  );
  assert.deepEqual(e.point, { lat: 0, lon: 0, hae: 9999999, ce: 9999999, le: 9999999 });
  assert.equal(e.how, '');
  assert.deepEqual(e.detail, {});
});

test('a detail element that does not fit its message stays whole in xmlDetail', () => {
  const e =
    parseCotXml(`<event version="2.0" uid="u" type="t" how="m-g" time="2026-03-01T10:00:00Z" start="2026-03-01T10:00:00Z" stale="2026-03-01T10:00:00Z"><point lat="1" lon="2"/><detail>
    <contact callsign="A" phone="123"/><track speed="fast" course="1"/><status battery="-1"/>
    <takv device=""/><__group name="Red"/><precisionlocation><x/></precisionlocation>
  </detail></event>`);
  assert.deepEqual(e.detail, {
    xmlDetail:
      '<contact callsign="A" phone="123"/><track speed="fast" course="1"/><status battery="-1"/><takv device=""/><__group name="Red"/><precisionlocation><x/></precisionlocation>',
  });
  // Twice the same element: neither is taken out.
  const twice = parseCotXml(
    '<event version="2.0" uid="u" type="t" how="" time="2026-03-01T10:00:00Z" start="2026-03-01T10:00:00Z" stale="2026-03-01T10:00:00Z"><point lat="1" lon="2"/><detail><contact callsign="A"/><contact callsign="B"/></detail></event>',
  );
  assert.deepEqual(twice.detail, { xmlDetail: '<contact callsign="A"/><contact callsign="B"/>' });
});

test('XML round trip: parse(write(e)) = e for every field, caveat and releaseableTo included', () => {
  fc.assert(
    fc.property(cotEvent, (e) => {
      assert.deepEqual(parseCotXml(writeCotXml(e)), e);
    }),
    { numRuns: 500 },
  );
});

test('the writer escapes every string it writes', () => {
  const e: CotEvent = {
    uid: '"><script>&',
    type: "a'b",
    how: '\t\n\r',
    time: '2026-03-01T10:00:00.000Z',
    start: '2026-03-01T10:00:00.000Z',
    stale: '2026-03-01T10:00:00.000Z',
    point: { lat: 1e-7, lon: -1.5e-10, hae: 1e21, ce: 0, le: 9999999 },
    caveat: '</event>',
    detail: { contact: { callsign: '<&>' } },
  };
  const xml = writeCotXml(e);
  assert.ok(!xml.includes('<script>') && !xml.includes('</event><'));
  // Numbers are plain decimals: some CoT readers parse no exponent.
  assert.match(xml, /lat="0\.0000001" lon="-0\.00000000015" hae="1000000000000000000000"/);
  assert.deepEqual(parseCotXml(xml), e);
});

test('the writer refuses an event that does not check', () => {
  const e = parseCotXml(atak);
  assert.throws(() => writeCotXml({ ...e, uid: '' }), cotError('invalid'));
  assert.throws(() => writeCotXml({ ...e, point: { ...e.point, lat: 91 } }), cotError('invalid'));
  assert.throws(() => writeCotXml({ ...e, time: '2026-03-01' }), cotError('invalid'));
  assert.throws(() => writeCotXml({ ...e, detail: { status: { battery: 1.5 } } }), cotError('invalid'));
});

const head =
  'version="2.0" uid="u" type="a-f-G" how="m-g" time="2026-03-01T10:00:00Z" start="2026-03-01T10:00:00Z" stale="2026-03-01T10:05:00Z"';

test('missing or out-of-range values are refused, naming the field', () => {
  const cases: [string, string][] = [
    [`<event ${head.replace('uid="u" ', '')}><point lat="1" lon="2"/></event>`, 'uid'],
    [`<event ${head.replace('type="a-f-G" ', '')}><point lat="1" lon="2"/></event>`, 'type'],
    [`<event ${head.replace('version="2.0" ', '')}><point lat="1" lon="2"/></event>`, 'version'],
    [`<event ${head}></event>`, 'point'],
    [`<event ${head}><point lat="1" lon="2"/><point lat="1" lon="2"/></event>`, 'point'],
    [`<event ${head}><point lat="90.5" lon="2"/></event>`, 'point.lat'],
    [`<event ${head}><point lat="1" lon="-180.1"/></event>`, 'point.lon'],
    [`<event ${head}><point lat="1"/></event>`, 'point.lon'],
    [`<event ${head}><point lat="" lon="2"/></event>`, 'point.lat'],
    [`<event ${head}><point lat="0x10" lon="2"/></event>`, 'point.lat'],
    [`<event ${head}><point lat="1" lon="2" hae="Infinity"/></event>`, 'point.hae'],
    [`<event ${head}><point lat="1" lon="2" ce="-1"/></event>`, 'point.ce'],
    [`<event ${head.replace('2026-03-01T10:00:00Z', '2026-02-30T10:00:00Z')}><point lat="1" lon="2"/></event>`, 'time'],
    [
      `<event ${head.replace('start="2026-03-01T10:00:00Z"', 'start="yesterday"')}><point lat="1" lon="2"/></event>`,
      'start',
    ],
    [
      `<event ${head.replace('stale="2026-03-01T10:05:00Z"', 'stale="1969-12-31T23:59:59Z"')}><point lat="1" lon="2"/></event>`,
      'stale',
    ],
  ];
  for (const [xml, field] of cases) {
    assert.throws(
      () => parseCotXml(xml),
      (e: unknown) => e instanceof CotError && e.kind === 'invalid' && e.field === field,
      xml,
    );
  }
  assert.throws(
    () => parseCotXml(`<event ${head.replace('2.0', '1.0')}><point lat="1" lon="2"/></event>`),
    cotError('unsupported'),
  );
  assert.throws(() => parseCotXml('<evnt/>'), cotError('malformed', /expected <event>/));
});

test('malformed XML is refused as malformed, never a crash', () => {
  const bad = [
    '',
    'not xml',
    `<event ${head}><point lat="1" lon="2"></event>`,
    `<event ${head}><point lat="1" lon="2"/>`,
    `<event ${head}><point lat="1" lon="2"/></event><event/>`,
    `<event ${head} uid="again"><point lat="1" lon="2"/></event>`,
    `<event ${head}><point lat="1" lon="2"/><detail>a & b</detail></event>`,
    `<event ${head}><point lat="1" lon="2"/><detail><x a="<"/></detail></event>`,
    `<event ${head}><point lat="1" lon="2"/><detail>&#0;</detail></event>`,
  ];
  for (const xml of bad) assert.throws(() => parseCotXml(xml), cotError('malformed'), xml);
  assert.throws(() => parseCotXml(Buffer.from([0x3c, 0x65, 0xff, 0xfe])), cotError('malformed', /UTF-8/));
});

test('DOCTYPE and entity tricks are refused: billion laughs, external entities, unknown entities', () => {
  const laughs = `<?xml version="1.0"?>
<!DOCTYPE event [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<event ${head}><point lat="1" lon="2"/><detail><remarks>&lol3;</remarks></detail></event>`;
  const external = `<!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><event ${head}><point lat="1" lon="2"/><detail><remarks>&xxe;</remarks></detail></event>`;
  const plainDoctype = `<!DOCTYPE event><event ${head}><point lat="1" lon="2"/></event>`;
  const unknown = `<event ${head}><point lat="1" lon="2"/><detail><remarks>&nbsp;</remarks></detail></event>`;
  for (const xml of [laughs, external, plainDoctype, unknown]) {
    assert.throws(() => parseCotXml(xml), cotError('entity'), xml.slice(0, 40));
  }
  // The five predefined entities and character references are fine.
  const ok = parseCotXml(
    `<event ${head}><point lat="1" lon="2"/><detail><remarks>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</remarks></detail></event>`,
  );
  assert.equal(ok.detail.xmlDetail, '<remarks>&lt;&gt;&amp;"\'AB</remarks>');
});

test('an event over the size limit, or nested too deep, is refused', () => {
  const big = `<event ${head}><point lat="1" lon="2"/><detail><remarks>${'x'.repeat(70_000)}</remarks></detail></event>`;
  assert.throws(() => parseCotXml(big), cotError('too_large'));
  assert.ok(parseCotXml(big, { maxBytes: 80_000 }).detail.xmlDetail);
  // The limit counts UTF-8 bytes, not characters.
  const arabic = `<event ${head}><point lat="1" lon="2"/><detail><remarks>${'ع'.repeat(600)}</remarks></detail></event>`;
  assert.throws(() => parseCotXml(arabic, { maxBytes: 1000 }), cotError('too_large'));
  const deep = `<event ${head}><point lat="1" lon="2"/><detail>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</detail></event>`;
  assert.throws(() => parseCotXml(deep), cotError('too_deep'));
  assert.ok(parseCotXml(deep, { maxDepth: 50 }));
});

test('any input gives an event or a CotError, nothing else', () => {
  const valid = writeCotXml(parseCotXml(atak));
  const mutated = fc
    .tuple(fc.nat(valid.length), fc.nat(40), fc.string({ unit: 'binary', maxLength: 8 }))
    .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut));
  fc.assert(
    fc.property(fc.oneof(mutated, fc.string({ unit: 'binary' })), (xml) => {
      try {
        parseCotXml(xml);
      } catch (e) {
        assert.ok(e instanceof CotError, String(e));
      }
    }),
    { numRuns: 1000 },
  );
});

test('node-cot, an independent parser, reads every event the writer emits: same uid, type, point, callsign', () => {
  fc.assert(
    fc.property(realisticCotEvent, (e) => {
      const theirs = new CoT(writeCotXml(e));
      assert.deepEqual([theirs.uid(), theirs.raw.event._attributes.type], [e.uid, e.type]);
      assert.deepEqual(theirs.position(), [e.point.lon, e.point.lat]);
      const p = theirs.raw.event.point._attributes;
      assert.deepEqual([p.hae, p.ce, p.le].map(Number), [e.point.hae, e.point.ce, e.point.le]);
      if (e.detail.contact) assert.equal(theirs.callsign(), e.detail.contact.callsign);
      const a = theirs.raw.event._attributes as Record<string, string | undefined>;
      assert.deepEqual([a.caveat, a.releaseableTo], [e.caveat, e.releaseableTo]);
    }),
    { numRuns: 300 },
  );
});

test('a GeoChat message and a ping as ATAK sends them survive both encodings', () => {
  const chat = `<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<event version='2.0' uid='GeoChat.ANDROID-1.All Chat Rooms.6a0e1c2b' type='b-t-f' time='2026-03-01T10:00:00.000Z' start='2026-03-01T10:00:00.000Z' stale='2026-03-02T10:00:00.000Z' how='h-g-i-g-o'>
  <point lat='36.19' lon='44.01' hae='9999999.0' ce='9999999.0' le='9999999.0'/>
  <detail>
    <__chat parent='RootContactGroup' groupOwner='false' messageId='6a0e1c2b' chatroom='All Chat Rooms' id='All Chat Rooms' senderCallsign='HAWK 1'>
      <chatgrp uid0='ANDROID-1' uid1='All Chat Rooms' id='All Chat Rooms'/>
    </__chat>
    <link uid='ANDROID-1' type='a-f-G-U-C' relation='p-p'/>
    <remarks source='BAO.F.ATAK.ANDROID-1' to='All Chat Rooms' time='2026-03-01T10:00:00.000Z'>Checkpoint 4 clear &amp; open</remarks>
    <marti><dest callsign='EAGLE 2'/></marti>
  </detail>
</event>`;
  const e = parseCotXml(chat);
  assert.equal(e.type, 'b-t-f');
  assert.equal(
    e.detail.xmlDetail,
    // Whitespace inside an element is kept (it may be content); between top-level elements, dropped.
    '<__chat parent="RootContactGroup" groupOwner="false" messageId="6a0e1c2b" chatroom="All Chat Rooms" id="All Chat Rooms" senderCallsign="HAWK 1">\n      <chatgrp uid0="ANDROID-1" uid1="All Chat Rooms" id="All Chat Rooms"/>\n    </__chat>' +
      '<link uid="ANDROID-1" type="a-f-G-U-C" relation="p-p"/>' +
      '<remarks source="BAO.F.ATAK.ANDROID-1" to="All Chat Rooms" time="2026-03-01T10:00:00.000Z">Checkpoint 4 clear &amp; open</remarks>' +
      '<marti><dest callsign="EAGLE 2"/></marti>',
  );
  assert.deepEqual(parseCotXml(writeCotXml(e)), e);
  assert.deepEqual(decodeTakMessage(encodeTakMessage({ event: e })).event, e);
  const theirs = new CoT(writeCotXml(e));
  assert.equal(theirs.raw.event.detail?.__chat?._attributes?.senderCallsign, 'HAWK 1');

  const ping = parseCotXml(
    '<event version="2.0" uid="ANDROID-1-ping" type="t-x-c-t" how="h-g-i-g-o" time="2026-03-01T10:00:00.000Z" start="2026-03-01T10:00:00.000Z" stale="2026-03-01T10:00:20.000Z"><point lat="0.0" lon="0.0" hae="0.0" ce="9999999" le="9999999"/><detail/></event>',
  );
  assert.deepEqual([ping.type, ping.detail], ['t-x-c-t', {}]);
  assert.deepEqual(decodeTakMessage(encodeTakMessage({ event: ping })).event, ping);
});
