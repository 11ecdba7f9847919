/**
 * TAK protocol version 1: the `TakMessage` protobuf (package atakmap.commoncommo.protobuf.v1),
 * with `protobufjs` reflection over the schema below. Field numbers follow the public .proto files
 * of ATAK-CIV's takproto and of TAK Server (which adds `TakMessage.submissionTime`/`creationTime`
 * and `CotEvent.caveat`/`releaseableTo`).
 *
 * Decoding is as strict as the XML reader: the message's size is limited, the event must check
 * (times, point ranges), and `xmlDetail` is read with the same hardened XML reader and written
 * back canonically, so what a client sends as protobuf cannot smuggle into another client's XML
 * what the XML reader would have refused.
 */
import protobuf from 'protobufjs';
import { CotError } from './cot-error.ts';
import { detailFromElement } from './detail.ts';
import type { CotDetail, CotEvent, TakControl, TakMessage } from './event.ts';
import { checkCotEvent, cotTimeToMs, formatNumber, msToCotTime } from './values.ts';
import { type CotLimits, defaultMaxBytes, defaultMaxDepth, parseCotXmlTree } from './xml.ts';

const schema = `
syntax = "proto3";
package atakmap.commoncommo.protobuf.v1;

message TakMessage {
  TakControl takControl = 1;
  CotEvent cotEvent = 2;
  uint64 submissionTime = 3;
  uint64 creationTime = 4;
}
message TakControl {
  uint32 minProtoVersion = 1;
  uint32 maxProtoVersion = 2;
  string contactUid = 3;
}
message CotEvent {
  string type = 1;
  string access = 2;
  string qos = 3;
  string opex = 4;
  string uid = 5;
  uint64 sendTime = 6;
  uint64 startTime = 7;
  uint64 staleTime = 8;
  string how = 9;
  double lat = 10;
  double lon = 11;
  double hae = 12;
  double ce = 13;
  double le = 14;
  Detail detail = 15;
  string caveat = 16;
  string releaseableTo = 17;
}
message Detail {
  string xmlDetail = 1;
  Contact contact = 2;
  Group group = 3;
  PrecisionLocation precisionLocation = 4;
  Status status = 5;
  Takv takv = 6;
  Track track = 7;
}
message Contact { string endpoint = 1; string callsign = 2; }
message Group { string name = 1; string role = 2; }
message PrecisionLocation { string geopointsrc = 1; string altsrc = 2; }
message Status { uint32 battery = 1; }
message Takv { string device = 1; string platform = 2; string os = 3; string version = 4; }
message Track { double speed = 1; double course = 2; }
`;

const root = protobuf.parse(schema, { keepCase: true }).root;
/** The TakMessage type, for tests and tools that want the schema itself. */
export const takMessageType = root.lookupType('atakmap.commoncommo.protobuf.v1.TakMessage');

/** A uint64 as protobufjs gives it (a number, or a Long when long.js is present). */
type Uint64 = number | { toNumber(): number };

interface ProtoDetail {
  xmlDetail?: string;
  contact?: { endpoint?: string; callsign?: string };
  group?: { name?: string; role?: string };
  precisionLocation?: { geopointsrc?: string; altsrc?: string };
  status?: { battery?: number };
  takv?: { device?: string; platform?: string; os?: string; version?: string };
  track?: { speed?: number; course?: number };
}

interface ProtoEvent {
  type?: string;
  access?: string;
  qos?: string;
  opex?: string;
  uid?: string;
  sendTime?: Uint64;
  startTime?: Uint64;
  staleTime?: Uint64;
  how?: string;
  lat?: number;
  lon?: number;
  hae?: number;
  ce?: number;
  le?: number;
  detail?: ProtoDetail;
  caveat?: string;
  releaseableTo?: string;
}

interface ProtoMessage {
  takControl?: { minProtoVersion?: number; maxProtoVersion?: number; contactUid?: string };
  cotEvent?: ProtoEvent;
  submissionTime?: Uint64;
  creationTime?: Uint64;
}

/** Only the non-empty strings, as proto3 writes nothing for an empty one anyway. */
function strings<T extends Record<string, string | undefined>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) if (values[key]) out[key] = values[key];
  return out;
}

function detailToProto(d: CotDetail): ProtoDetail | undefined {
  const out: ProtoDetail = {};
  if (d.xmlDetail) out.xmlDetail = d.xmlDetail;
  if (d.contact) out.contact = { callsign: d.contact.callsign, ...strings({ endpoint: d.contact.endpoint }) };
  if (d.group) out.group = { name: d.group.name, role: d.group.role };
  if (d.precisionLocation) out.precisionLocation = strings({ ...d.precisionLocation });
  if (d.status) out.status = { battery: d.status.battery };
  if (d.takv) out.takv = strings({ ...d.takv });
  if (d.track) out.track = { speed: d.track.speed, course: d.track.course };
  return Object.keys(out).length ? out : undefined;
}

/** The protobuf CotEvent of an event (checked first, like the XML writer). */
function eventToProto(e: CotEvent): ProtoEvent {
  checkCotEvent(e);
  const out: ProtoEvent = {
    type: e.type,
    uid: e.uid,
    how: e.how,
    sendTime: cotTimeToMs(e.time),
    startTime: cotTimeToMs(e.start),
    staleTime: cotTimeToMs(e.stale),
    ...e.point,
    ...strings({ access: e.access, qos: e.qos, opex: e.opex, caveat: e.caveat, releaseableTo: e.releaseableTo }),
  };
  const detail = detailToProto(e.detail);
  if (detail) out.detail = detail;
  return out;
}

/** A TakMessage as protobuf bytes (the TAK protocol payload, without framing). */
export function encodeTakMessage(m: TakMessage): Uint8Array {
  const out: ProtoMessage = {};
  if (m.control) {
    out.takControl = {
      minProtoVersion: m.control.minProtoVersion,
      maxProtoVersion: m.control.maxProtoVersion,
      ...strings({ contactUid: m.control.contactUid }),
    };
  }
  if (m.event) out.cotEvent = eventToProto(m.event);
  if (m.submissionTime) out.submissionTime = m.submissionTime;
  if (m.creationTime) out.creationTime = m.creationTime;
  return takMessageType.encode(takMessageType.fromObject(out)).finish();
}

const uint64 = (v: Uint64 | undefined): number => (v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

/** An element made from a detail message, to be read by the same rules as one sent in XML. */
function element(name: string, attrs: Record<string, string | undefined>) {
  const defined: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) defined[k] = v;
  return { name, qname: name, attrs: defined, children: [], line: 0 };
}

const nonEmpty = (s: string | undefined) => (s ? s : undefined);

function detailFromProto(d: ProtoDetail | undefined, limits: CotLimits): CotDetail {
  if (!d) return {};
  const tree = d.xmlDetail
    ? parseCotXmlTree(`<detail>${d.xmlDetail}</detail>`, {
        maxBytes: (limits.maxBytes ?? defaultMaxBytes) + 17,
        // <detail> sits under <event>.
        maxDepth: (limits.maxDepth ?? defaultMaxDepth) - 1,
      })
    : element('detail', {});
  const present = new Set(tree.children.flatMap((c) => (typeof c === 'string' ? [] : [c.qname])));
  // The protocol's rule: an element sent in xmlDetail wins over its message.
  const add = (name: string, attrs: Record<string, string | undefined>) => {
    if (!present.has(name)) tree.children.push(element(name, attrs));
  };
  if (d.contact) add('contact', { callsign: d.contact.callsign ?? '', endpoint: nonEmpty(d.contact.endpoint) });
  if (d.group) add('__group', { name: d.group.name ?? '', role: d.group.role ?? '' });
  if (d.takv) {
    const { device, platform, os, version } = d.takv;
    add('takv', {
      device: nonEmpty(device),
      platform: nonEmpty(platform),
      os: nonEmpty(os),
      version: nonEmpty(version),
    });
  }
  if (d.track) {
    add('track', { speed: formatNumber(d.track.speed ?? 0), course: formatNumber(d.track.course ?? 0) });
  }
  if (d.status) add('status', { battery: String(d.status.battery ?? 0) });
  if (d.precisionLocation) {
    const { geopointsrc, altsrc } = d.precisionLocation;
    add('precisionlocation', { geopointsrc: nonEmpty(geopointsrc), altsrc: nonEmpty(altsrc) });
  }
  return detailFromElement(tree);
}

function eventFromProto(c: ProtoEvent, limits: CotLimits): CotEvent {
  const num = (n: number | undefined) => (n === undefined || n === 0 ? 0 : n);
  const event: CotEvent = {
    uid: c.uid ?? '',
    type: c.type ?? '',
    how: c.how ?? '',
    time: msToCotTime(uint64(c.sendTime), 'time'),
    start: msToCotTime(uint64(c.startTime), 'start'),
    stale: msToCotTime(uint64(c.staleTime), 'stale'),
    point: { lat: num(c.lat), lon: num(c.lon), hae: num(c.hae), ce: num(c.ce), le: num(c.le) },
    detail: detailFromProto(c.detail, limits),
  };
  for (const name of ['access', 'qos', 'opex', 'caveat', 'releaseableTo'] as const) {
    if (c[name]) event[name] = c[name];
  }
  checkCotEvent(event);
  return event;
}

/** Reads a TakMessage from protobuf bytes (the payload, without framing). */
export function decodeTakMessage(bytes: Uint8Array, limits: CotLimits = {}): TakMessage {
  const maxBytes = limits.maxBytes ?? defaultMaxBytes;
  if (bytes.length > maxBytes) {
    throw new CotError('too_large', `the message is ${bytes.length} bytes, over the limit of ${maxBytes}`);
  }
  let m: ProtoMessage;
  try {
    m = takMessageType.decode(bytes) as ProtoMessage;
  } catch (e) {
    // Truncated fields, bad wire types, runaway groups (a RangeError of the stack included).
    throw new CotError('malformed', `not a TakMessage: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out: TakMessage = {};
  const control = m.takControl;
  if (control) {
    const c: TakControl = {
      // 0 means "not filled in", which the protocol reads as version 1.
      minProtoVersion: control.minProtoVersion || 1,
      maxProtoVersion: control.maxProtoVersion || 1,
    };
    if (control.contactUid) c.contactUid = control.contactUid;
    out.control = c;
  }
  if (m.cotEvent) out.event = eventFromProto(m.cotEvent, limits);
  // proto3 writes no 0, so 0 and absent are one: absent.
  const submission = uint64(m.submissionTime);
  const creation = uint64(m.creationTime);
  if (submission) out.submissionTime = submission;
  if (creation) out.creationTime = creation;
  return out;
}
