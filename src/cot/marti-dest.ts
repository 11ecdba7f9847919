/**
 * TAK's addressing of an event to particular contacts: `<marti><dest callsign="…"/><dest
 * uid="…"/></marti>` in its detail. An event without it goes to everyone allowed to see it; with
 * it, only to the named contacts among them. Pure.
 */
import { childElement, childElements } from '../io/xml-reader.ts';
import type { CotEvent } from './event.ts';
import { parseCotXmlTree } from './xml.ts';

export interface MartiDest {
  uids: ReadonlySet<string>;
  callsigns: ReadonlySet<string>;
}

/** The contacts an event is addressed to, or null when it is addressed to no one in particular. */
export function martiDest(e: CotEvent): MartiDest | null {
  const xml = e.detail.xmlDetail;
  if (!xml?.includes('<marti')) return null;
  let detail: ReturnType<typeof parseCotXmlTree>;
  try {
    detail = parseCotXmlTree(`<detail>${xml}</detail>`);
  } catch {
    return null;
  }
  const marti = childElement(detail, 'marti');
  if (!marti) return null;
  const uids = new Set<string>();
  const callsigns = new Set<string>();
  for (const d of childElements(marti, 'dest')) {
    if (d.attrs.uid) uids.add(d.attrs.uid);
    if (d.attrs.callsign) callsigns.add(d.attrs.callsign);
  }
  return uids.size || callsigns.size ? { uids, callsigns } : null;
}

/** Whether a contact is among an event's addressees (every contact is, when it names none). */
export function addressedTo(dest: MartiDest | null, contact: { uid: string | null; callsign: string | null }): boolean {
  if (!dest) return true;
  return (
    (contact.uid !== null && dest.uids.has(contact.uid)) ||
    (contact.callsign !== null && dest.callsigns.has(contact.callsign))
  );
}
