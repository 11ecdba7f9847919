/**
 * The TAK protocol negotiation on a streaming connection, as three CoT XML events sharing one uid:
 * the server offers (`t-x-takp-v`, `<TakControl><TakProtocolSupport version="1"/></TakControl>`),
 * the client asks (`t-x-takp-q`, `<TakControl><TakRequest version="1"/></TakControl>`), the server
 * answers (`t-x-takp-r`, `<TakControl><TakResponse status="true"/></TakControl>`); on "true" both
 * sides switch to that version. Pure: the caller passes the time.
 */
import { childElement, childElements, type XmlElement } from '../io/xml-reader.ts';
import { CotError } from './cot-error.ts';
import { type CotEvent, protocolOfferType, protocolRequestType, protocolResponseType } from './event.ts';
import { parseCotXmlTree } from './xml.ts';

/** How long a negotiation event stays current. */
const staleAfterMs = 60_000;

function controlEvent(type: string, uid: string, nowMs: number, control: string): CotEvent {
  const time = new Date(nowMs).toISOString();
  return {
    uid,
    type,
    how: 'm-g',
    time,
    start: time,
    stale: new Date(nowMs + staleAfterMs).toISOString(),
    // The protocol's own example: no position, unknown errors.
    point: { lat: 0, lon: 0, hae: 0, ce: 999999, le: 999999 },
    detail: { xmlDetail: `<TakControl>${control}</TakControl>` },
  };
}

/** The server's offer of the protocol versions it supports. */
export function protocolOffer(uid: string, nowMs: number, versions: readonly number[] = [1]): CotEvent {
  return controlEvent(
    protocolOfferType,
    uid,
    nowMs,
    versions.map((v) => `<TakProtocolSupport version="${checkedVersion(v)}"/>`).join(''),
  );
}

/** A client's request to switch to a version (with the uid of the server's offer). */
export function protocolRequest(uid: string, nowMs: number, version: number): CotEvent {
  return controlEvent(protocolRequestType, uid, nowMs, `<TakRequest version="${checkedVersion(version)}"/>`);
}

/** The server's answer to a request (with the request's uid). */
export function protocolResponse(uid: string, nowMs: number, accepted: boolean): CotEvent {
  return controlEvent(protocolResponseType, uid, nowMs, `<TakResponse status="${accepted}"/>`);
}

function checkedVersion(v: number): number {
  if (!Number.isInteger(v) || v < 1 || v > 0xffffffff) throw new CotError('invalid', `bad protocol version ${v}`);
  return v;
}

/** The `<TakControl>` element of an event's detail, if it has exactly one. */
function takControl(e: CotEvent): XmlElement | null {
  if (!e.detail.xmlDetail) return null;
  let detail: XmlElement;
  try {
    detail = parseCotXmlTree(`<detail>${e.detail.xmlDetail}</detail>`);
  } catch {
    return null;
  }
  const controls = childElements(detail, 'TakControl');
  return controls.length === 1 ? controls[0] : null;
}

const version = (el: XmlElement | undefined): number | null => {
  const v = el?.attrs.version;
  return v !== undefined && /^[1-9]\d{0,9}$/.test(v) && Number(v) <= 0xffffffff ? Number(v) : null;
};

/** The versions a server offers, from a `t-x-takp-v` event; empty for any other event. */
export function readProtocolOffer(e: CotEvent): number[] {
  if (e.type !== protocolOfferType) return [];
  const control = takControl(e);
  if (!control) return [];
  return childElements(control, 'TakProtocolSupport').flatMap((el) => version(el) ?? []);
}

/** The version a client asks for in a `t-x-takp-q` event, or null if it is not a valid request. */
export function readProtocolRequest(e: CotEvent): number | null {
  if (e.type !== protocolRequestType) return null;
  const control = takControl(e);
  // The protocol allows exactly one TakRequest.
  const requests = control ? childElements(control, 'TakRequest') : [];
  return requests.length === 1 ? version(requests[0]) : null;
}

/** Whether the server accepted the request, from a `t-x-takp-r` event; null if it is no answer. */
export function readProtocolResponse(e: CotEvent): boolean | null {
  if (e.type !== protocolResponseType) return null;
  const control = takControl(e);
  const response = control ? childElement(control, 'TakResponse') : undefined;
  const status = response?.attrs.status;
  return status === 'true' ? true : status === 'false' ? false : null;
}
