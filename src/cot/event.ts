/**
 * A Cursor-on-Target event as plain values, the one shape both encodings (XML, TAK protocol
 * version 1) read into and write from. The model is the normal form of an event:
 *
 * - Times are UTC ISO-8601 strings with milliseconds (`2026-01-02T03:04:05.678Z`), whatever
 *   precision or offset the sender wrote.
 * - An optional string is absent or non-empty, never `''`: the protobuf encoding cannot tell an
 *   empty string from a missing one, so neither does the model.
 * - The detail elements TAK protocol version 1 carries as messages (`contact`, `__group`, `takv`,
 *   `track`, `status`, `precisionlocation`) are modelled only when the whole element fits its
 *   message; an element with other attributes, children, a value out of its type, or (takv,
 *   precisionlocation) no attribute at all, stays whole in `xmlDetail`, as the protocol requires;
 *   so does every copy of an element that appears more than once.
 * - `xmlDetail` is the rest of `<detail>` as canonical XML (every element and its text, attribute
 *   order kept, comments and whitespace between the top-level elements dropped), without the
 *   `<detail>` tags.
 */

/** `hae`, `ce` or `le` unknown. */
export const unknownValue = 9999999;

export interface CotPoint {
  /** WGS84 degrees, −90…90. */
  lat: number;
  /** WGS84 degrees, −180…180. */
  lon: number;
  /** Height above the ellipsoid in metres, or {@link unknownValue}. */
  hae: number;
  /** Circular error in metres, or {@link unknownValue}. */
  ce: number;
  /** Linear (vertical) error in metres, or {@link unknownValue}. */
  le: number;
}

export interface CotContact {
  callsign: string;
  /** Where the sender can be reached, e.g. `*:-1:stcp`. */
  endpoint?: string;
}

export interface CotGroup {
  /** The team colour, e.g. `Cyan`. */
  name: string;
  /** The role, e.g. `Team Member`. */
  role: string;
}

export interface CotTakv {
  device?: string;
  platform?: string;
  os?: string;
  version?: string;
}

export interface CotTrack {
  /** Metres per second. */
  speed: number;
  /** Degrees clockwise from true north. */
  course: number;
}

export interface CotStatus {
  /** Battery percentage (an unsigned 32-bit integer on the wire). */
  battery: number;
}

export interface CotPrecisionLocation {
  geopointsrc?: string;
  altsrc?: string;
}

export interface CotDetail {
  contact?: CotContact;
  group?: CotGroup;
  takv?: CotTakv;
  track?: CotTrack;
  status?: CotStatus;
  precisionLocation?: CotPrecisionLocation;
  /** The rest of `<detail>` as XML (remarks, link, marti/dest, __chat, chatgrp, …). */
  xmlDetail?: string;
}

export interface CotEvent {
  uid: string;
  /** The CoT type, e.g. `a-f-G-U-C`. */
  type: string;
  /** How the point was obtained, e.g. `m-g` (GPS) or `h-e` (entered); may be empty. */
  how: string;
  time: string;
  start: string;
  stale: string;
  point: CotPoint;
  access?: string;
  qos?: string;
  opex?: string;
  caveat?: string;
  releaseableTo?: string;
  detail: CotDetail;
}

/** The TakControl message: which protocol versions a sender can decode. */
export interface TakControl {
  minProtoVersion: number;
  maxProtoVersion: number;
  contactUid?: string;
}

/** One TAK protocol message: an event, control information, or both. */
export interface TakMessage {
  control?: TakControl;
  event?: CotEvent;
  /** Milliseconds since the epoch (set by TAK servers only; never 0, which proto3 cannot send). */
  submissionTime?: number;
  /** Milliseconds since the epoch (set by TAK servers only; never 0). */
  creationTime?: number;
}

/** A ping a client sends to keep its connection alive. */
export const pingType = 't-x-c-t';
/** The answer to a ping. */
export const pongType = 't-x-c-t-r';
/** A GeoChat message. */
export const geoChatType = 'b-t-f';
/** The server's offer of TAK protocol versions. */
export const protocolOfferType = 't-x-takp-v';
/** A client's request to switch to a TAK protocol version. */
export const protocolRequestType = 't-x-takp-q';
/** The server's answer to a protocol request. */
export const protocolResponseType = 't-x-takp-r';

/** The detail elements modelled as messages, by the name of their XML element. */
export const modelledDetailElements = ['contact', '__group', 'takv', 'track', 'status', 'precisionlocation'] as const;
