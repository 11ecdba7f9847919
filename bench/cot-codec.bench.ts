// The CoT codec's throughput on ATAK position reports, each figure against a baseline measured in
// the same run: XML and protobuf decoding against @tak-ps/node-cot (a parser that checks less:
// no entity or size limits, no time or range checks), the framed XML stream against parsing the
// same events already cut apart (the cost of finding where events end in a byte stream).

import type { CotEvent } from '../src/cot/event.ts';
import { CotStreamDecoder, encodeStreamFrame, encodeXmlFrame } from '../src/cot/framing.ts';
import { decodeTakMessage, encodeTakMessage } from '../src/cot/proto.ts';
import { parseCotXml, writeCotXml } from '../src/cot/xml.ts';
import { NodeCoT } from '../test/harness/node-cot.ts';
import { emit, median, time } from './harness.ts';

const count = 5_000;
const rounds = 5;

function report(i: number): CotEvent {
  const t = Date.UTC(2026, 2, 1, 10) + i * 1000;
  return {
    uid: `ANDROID-${(1e6 + i).toString(16)}`,
    type: 'a-f-G-U-C',
    how: 'm-g',
    time: new Date(t).toISOString(),
    start: new Date(t).toISOString(),
    stale: new Date(t + 360_000).toISOString(),
    point: { lat: 36 + i * 1e-5, lon: 44 + i * 1e-5, hae: 412.5, ce: 9.9, le: 9999999 },
    access: 'Undefined',
    detail: {
      takv: { device: 'GOOGLE PIXEL 7', platform: 'ATAK-CIV', os: '34', version: '5.2.0.4' },
      contact: { callsign: `HAWK ${i}`, endpoint: '*:-1:stcp' },
      group: { name: 'Cyan', role: 'Team Member' },
      status: { battery: 77 },
      track: { speed: 1.5, course: 181.2 },
      precisionLocation: { geopointsrc: 'GPS', altsrc: 'GPS' },
      xmlDetail: `<uid Droid="HAWK ${i}"/>`,
    },
  };
}

const events = Array.from({ length: count }, (_, i) => report(i));
const xml = events.map(writeCotXml);
const protos = events.map((e) => encodeTakMessage({ event: e }));
const xmlStream = Buffer.concat(events.map(encodeXmlFrame));
const protoStream = Buffer.concat(events.map((e) => encodeStreamFrame({ event: e })));

/** Events per second of fn over all events, the median of several rounds. */
function rate(fn: () => void): number {
  fn();
  return count / median(Array.from({ length: rounds }, () => time(fn)));
}

function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function figure(bench: string, value: number, baseline: number, extra: Record<string, unknown> = {}) {
  emit({
    bench,
    value: Math.round(value),
    unit: 'events/s',
    baseline: Math.round(baseline),
    ratio: value / baseline,
    ...extra,
  });
}

const xmlParse = rate(() => {
  for (const x of xml) parseCotXml(x);
});
const nodeCotXml = rate(() => {
  for (const x of xml) new NodeCoT(x);
});
figure('cot-xml-parse', xmlParse, nodeCotXml, { baseline_is: '@tak-ps/node-cot new CoT(xml)' });

const protoDecode = rate(() => {
  for (const p of protos) decodeTakMessage(p);
});
const nodeCotProto = rate(() => {
  for (const p of protos) NodeCoT.from_proto(p);
});
figure('cot-proto-decode', protoDecode, nodeCotProto, { baseline_is: '@tak-ps/node-cot CoT.from_proto' });

const xmlChunks = chunks(xmlStream, 64 * 1024);
const xmlStreamRate = rate(() => {
  const d = new CotStreamDecoder();
  for (const c of xmlChunks) d.push(c);
});
figure('cot-xml-stream', xmlStreamRate, xmlParse, { baseline_is: 'parseCotXml on events already cut apart' });

const protoChunks = chunks(protoStream, 64 * 1024);
const protoStreamRate = rate(() => {
  const d = new CotStreamDecoder({ version: 1 });
  for (const c of protoChunks) d.push(c);
});
figure('cot-proto-stream', protoStreamRate, protoDecode, {
  baseline_is: 'decodeTakMessage on messages already cut apart',
});

const xmlWrite = rate(() => {
  for (const e of events) writeCotXml(e);
});
const protoEncode = rate(() => {
  for (const e of events) encodeTakMessage({ event: e });
});
figure('cot-proto-encode', protoEncode, xmlWrite, { baseline_is: 'writeCotXml' });
