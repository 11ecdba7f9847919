/**
 * TAK's in-band authentication on a plain TCP stream: before anything else the client sends
 * `<?xml version="1.0"?><auth><cot username="U" password="P" uid="…"/></auth>` (as ATAK, WinTAK
 * and iTAK do when a stream has a user name and password), a document of its own, not an event.
 * A CoT event whose `<detail>` holds the same `<auth>` element is accepted too. The bytes before
 * the credentials are bounded; what follows them is the client's stream.
 */
import { childElement, type XmlElement } from '../../io/xml-reader.ts';
import { CotError } from '../cot-error.ts';
import { decodeUtf8, parseCotXmlTree } from '../xml.ts';

export interface InBandCredentials {
  username: string;
  password: string;
  /** The client's device uid, when it names one. */
  uid: string | null;
  callsign: string | null;
}

export type AuthScan =
  | { kind: 'more' }
  | { kind: 'credentials'; credentials: InBandCredentials; rest: Buffer }
  | { kind: 'refused'; reason: string };

const endAuth = Buffer.from('</auth>');
const endEvent = Buffer.from('</event>');

/** Where the first document of the buffer ends (just past its end tag), or -1 while it has not. */
function documentEnd(buf: Buffer): number {
  const auth = buf.indexOf(endAuth);
  const event = buf.indexOf(endEvent);
  // An event that carries <auth> in its detail ends with </event>, after its </auth>.
  const root = /<(auth|event)\b/.exec(buf.subarray(0, 200).toString('latin1'))?.[1];
  if (root === 'event') return event < 0 ? -1 : event + endEvent.length;
  if (root === 'auth') return auth < 0 ? -1 : auth + endAuth.length;
  return -1;
}

function credentialsOf(cot: XmlElement | undefined): InBandCredentials | null {
  const a = cot?.attrs;
  if (!a?.username || a.password === undefined) return null;
  return { username: a.username, password: a.password, uid: a.uid || null, callsign: a.callsign || null };
}

/** Reads the credentials at the start of a stream, once `buf` holds all of them; at most `maxBytes`. */
export function scanInBandAuth(buf: Buffer, maxBytes: number): AuthScan {
  const end = documentEnd(buf);
  if (end < 0) {
    if (buf.length > maxBytes) return { kind: 'refused', reason: `no credentials in the first ${maxBytes} bytes` };
    // Anything but markup and whitespace before the credentials is no TAK client.
    if (/^\s*[^<\s\uFEFF]/.test(buf.subarray(0, 16).toString('latin1'))) {
      return { kind: 'refused', reason: 'the stream does not start with XML' };
    }
    return { kind: 'more' };
  }
  if (end > maxBytes) return { kind: 'refused', reason: `credentials longer than ${maxBytes} bytes` };
  let root: XmlElement;
  try {
    root = parseCotXmlTree(decodeUtf8(buf.subarray(0, end)), { maxBytes });
  } catch (e) {
    if (e instanceof CotError) return { kind: 'refused', reason: `${e.kind}: ${e.message}` };
    throw e;
  }
  const auth = root.qname === 'auth' ? root : childElement(childElement(root, 'detail') ?? root, 'auth');
  const credentials = credentialsOf(auth ? childElement(auth, 'cot') : undefined);
  if (!credentials)
    return { kind: 'refused', reason: 'the first message holds no <auth><cot username password/></auth>' };
  return { kind: 'credentials', credentials, rest: buf.subarray(end) };
}
