/**
 * TAK mesh datagrams (UDP, and the one-message TCP connections of mesh peers): a version 0
 * datagram is one bare XML event; a version 1 datagram is `0xbf <varint version> 0xbf
 * <TakMessage>`, the version repeated in each since a mesh has no negotiation.
 */
import { CotError } from './cot-error.ts';
import type { TakMessage } from './event.ts';
import { encodeVarint, type TakProtocolVersion, takMagic, xmlProlog } from './framing.ts';
import { decodeTakMessage, encodeTakMessage } from './proto.ts';
import { type CotLimits, parseCotXml, writeCotXml } from './xml.ts';

/** A mesh datagram: bare XML for version 0, `0xbf <varint version> 0xbf <TakMessage>` for 1. */
export function encodeMeshDatagram(message: TakMessage, version: TakProtocolVersion): Buffer {
  if (version === 0) {
    if (!message.event) throw new CotError('invalid', 'a version 0 datagram carries an event', 'event');
    return Buffer.from(xmlProlog + writeCotXml(message.event));
  }
  return Buffer.concat([
    Uint8Array.of(takMagic),
    encodeVarint(version),
    Uint8Array.of(takMagic),
    encodeTakMessage(message),
  ]);
}

/** Reads one mesh datagram of either version. */
export function decodeMeshDatagram(datagram: Uint8Array, limits: CotLimits = {}): TakMessage {
  if (datagram[0] !== takMagic) return { event: parseCotXml(datagram, limits) };
  let version = 0;
  let i = 1;
  for (let shift = 0; ; shift += 7) {
    if (i >= datagram.length || shift >= 35) throw new CotError('malformed', 'a truncated TAK protocol header');
    const b = datagram[i++];
    version += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  if (datagram[i] !== takMagic) throw new CotError('malformed', 'the TAK protocol header lacks its second 0xbf');
  if (version !== 1) throw new CotError('unsupported', `TAK protocol version ${version} is not supported`);
  return decodeTakMessage(datagram.subarray(i + 1), limits);
}
