/**
 * What a GeoChat event (`b-t-f`) says: its chat room (`<__chat chatroom>`, or `id`), the sender's
 * callsign and the text (`<remarks>`). Pure.
 */
import { childElement, textOf } from '../io/xml-reader.ts';
import type { CotEvent } from './event.ts';
import { parseCotXmlTree } from './xml.ts';

export interface GeoChatContent {
  room: string;
  senderCallsign: string | null;
  text: string;
}

/** The room, sender and text of a GeoChat event; null when it has no text. */
export function geoChatContent(e: CotEvent): GeoChatContent | null {
  if (!e.detail.xmlDetail) return null;
  let detail: ReturnType<typeof parseCotXmlTree>;
  try {
    detail = parseCotXmlTree(`<detail>${e.detail.xmlDetail}</detail>`);
  } catch {
    return null;
  }
  const chat = childElement(detail, '__chat');
  const remarks = childElement(detail, 'remarks');
  const text = remarks ? textOf(remarks) : '';
  if (!text.trim()) return null;
  const room = chat?.attrs.chatroom || chat?.attrs.id || 'All Chat Rooms';
  return {
    room: room.slice(0, 200),
    senderCallsign: chat?.attrs.senderCallsign || e.detail.contact?.callsign || null,
    text,
  };
}
