/**
 * A CoT `<event version="2.0">` read from and written as XML. Reading goes through the hardened
 * reader of src/io/xml-reader.ts (saxes): no DTD is read and no entity expanded — any DOCTYPE is
 * refused, and so is every entity but the five predefined ones and character references — and
 * the event's size and nesting depth are limited before anything else is done with it. Every
 * fault is a {@link CotError}; nothing else is thrown.
 */
import { escapeXmlAttr } from '../io/xml-escape.ts';
import { childElements, parseXml, type XmlElement, XmlError } from '../io/xml-reader.ts';
import { CotError, invalidCot } from './cot-error.ts';
import { detailFromElement, detailXml } from './detail.ts';
import { type CotEvent, type CotPoint, unknownValue } from './event.ts';
import { checkCotEvent, formatNumber, parseCotNumber, parseCotTime } from './values.ts';

export interface CotLimits {
  /** Largest event accepted, in bytes of UTF-8 (default 64 KiB). */
  maxBytes?: number;
  /** Deepest element nesting accepted, `<event>` being 1 (default 32). */
  maxDepth?: number;
}

export const defaultMaxBytes = 64 * 1024;
export const defaultMaxDepth = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text from bytes that must be UTF-8; a CotError otherwise. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CotError('malformed', 'the event is not valid UTF-8');
  }
}

/** Parses XML with the codec's limits; XML faults become CotErrors of the matching kind. */
export function parseCotXmlTree(text: string, limits: CotLimits = {}): XmlElement {
  const maxBytes = limits.maxBytes ?? defaultMaxBytes;
  try {
    return parseXml(text, {
      maxDepth: limits.maxDepth ?? defaultMaxDepth,
      // UTF-16 units never outnumber UTF-8 bytes, so the byte limit bounds both.
      maxLength: maxBytes,
      maxTextLength: maxBytes,
      refuseDoctype: true,
    });
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    if (e.kind === 'entity') throw new CotError('entity', e.message);
    if (e.kind === 'limit') {
      throw new CotError(e.reason.startsWith('elements nested') ? 'too_deep' : 'too_large', e.message);
    }
    throw new CotError('malformed', e.message);
  }
}

/** Parses one CoT event from XML text or UTF-8 bytes (an `<?xml?>` prologue allowed). */
export function parseCotXml(input: string | Uint8Array, limits: CotLimits = {}): CotEvent {
  const maxBytes = limits.maxBytes ?? defaultMaxBytes;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw new CotError('too_large', `the event is ${size} bytes, over the limit of ${maxBytes}`);
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  return eventFromElement(parseCotXmlTree(text, limits));
}

/** The model of an `<event>` element. */
export function eventFromElement(root: XmlElement): CotEvent {
  if (root.qname !== 'event') throw new CotError('malformed', `expected <event>, found <${root.qname}>`);
  const a = root.attrs;
  const version = a.version;
  if (version === undefined) throw invalidCot('version', 'required');
  if (!/^2(?:\.\d+)?$/.test(version)) throw new CotError('unsupported', `CoT version "${version}" is not 2.x`);
  const required = (name: string) => {
    const value = a[name];
    if (value === undefined || value === '') throw invalidCot(name, 'required');
    return value;
  };
  const points = childElements(root, 'point').filter((p) => p.qname === 'point');
  if (points.length !== 1) throw invalidCot('point', points.length ? 'appears more than once' : 'required');
  const details = childElements(root, 'detail').filter((d) => d.qname === 'detail');
  if (details.length > 1) throw invalidCot('detail', 'appears more than once');
  const event: CotEvent = {
    uid: required('uid'),
    type: required('type'),
    how: a.how ?? '',
    time: parseCotTime(required('time'), 'time'),
    start: parseCotTime(required('start'), 'start'),
    stale: parseCotTime(required('stale'), 'stale'),
    point: pointFromElement(points[0]),
    detail: details.length ? detailFromElement(details[0]) : {},
  };
  for (const name of ['access', 'qos', 'opex', 'caveat', 'releaseableTo'] as const) {
    if (a[name]) event[name] = a[name];
  }
  checkCotEvent(event);
  return event;
}

function pointFromElement(p: XmlElement): CotPoint {
  const number = (name: string, fallback?: number) => {
    const value = p.attrs[name];
    if (value === undefined || value === '') {
      if (fallback === undefined) throw invalidCot(`point.${name}`, 'required');
      return fallback;
    }
    return parseCotNumber(value, `point.${name}`);
  };
  return {
    lat: number('lat'),
    lon: number('lon'),
    hae: number('hae', unknownValue),
    ce: number('ce', unknownValue),
    le: number('le', unknownValue),
  };
}

/**
 * An event as one XML `<event>` element (no prologue); refuses an event that does not check.
 * Every value is escaped except `detail.xmlDetail`, which is XML already and written as it is: it
 * must come from the readers here or from `writeXmlNodes` (src/cot/detail.ts), never from text.
 */
export function writeCotXml(e: CotEvent): string {
  checkCotEvent(e);
  let out = `<event version="2.0" uid="${escapeXmlAttr(e.uid)}" type="${escapeXmlAttr(e.type)}"`;
  out += ` how="${escapeXmlAttr(e.how)}" time="${e.time}" start="${e.start}" stale="${e.stale}"`;
  for (const name of ['access', 'qos', 'opex', 'caveat', 'releaseableTo'] as const) {
    const value = e[name];
    if (value) out += ` ${name}="${escapeXmlAttr(value)}"`;
  }
  const p = e.point;
  out += `><point lat="${formatNumber(p.lat)}" lon="${formatNumber(p.lon)}" hae="${formatNumber(p.hae)}"`;
  out += ` ce="${formatNumber(p.ce)}" le="${formatNumber(p.le)}"/>`;
  out += `<detail>${detailXml(e.detail)}</detail></event>`;
  return out;
}
