/**
 * TAK stream framing: a per-connection decoder fed with the chunks a socket delivers, however they
 * split the events, and the encoders of each framing.
 *
 * - Protocol version 0: one XML `<event>` document after another, each possibly preceded by an
 *   `<?xml?>` prologue, comments or whitespace. The decoder scans the bytes for where each event
 *   ends (tags, quotes, comments, CDATA and processing instructions tracked, so a `</event>` in an
 *   attribute or a remark does not end it) and hands exactly one event to the XML reader.
 * - Protocol version 1 stream: `0xbf <varint length> <TakMessage>`.
 * - Mesh (one datagram): `0xbf <varint version> 0xbf <TakMessage>`, or a bare XML event for 0.
 *
 * Limits hold while buffering: an event is refused as soon as what has arrived of it passes the
 * size limit, and the rest of it is skipped without being kept. A bad event is reported and the
 * decoder goes on with the next one; a fault that leaves the stream unreadable (a DOCTYPE, a bad
 * magic byte, an impossible length) is fatal: the decoder stops and the caller closes the
 * connection.
 */
import { CotError } from './cot-error.ts';
import { type CotEvent, protocolRequestType, type TakMessage } from './event.ts';
import { decodeTakMessage, encodeTakMessage } from './proto.ts';
import { type CotLimits, defaultMaxBytes, parseCotXml, writeCotXml } from './xml.ts';

/** The TAK protocol versions this codec speaks. */
export type TakProtocolVersion = 0 | 1;

const magic = 0xbf;
/** How many times the size limit an oversized XML event may run on before the stream is given up. */
const skipFactor = 16;

export type StreamItem = { kind: 'message'; message: TakMessage } | { kind: 'error'; error: CotError; fatal: boolean };

export interface StreamDecoderOptions extends CotLimits {
  /** The version the connection starts with (0 until negotiated). */
  version?: TakProtocolVersion;
}

// Byte values the XML scanner looks for.
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const RBRACKET = 0x5d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
// A byte-order mark between documents (EF BB BF) is tolerated like whitespace.
const isBom = (b: number) => b === 0xef || b === 0xbb || b === 0xbf;

type XmlMode = 'text' | 'lt' | 'bang' | 'tag' | 'endtag' | 'pi' | 'comment' | 'cdata';

/**
 * Decodes one connection's stream. `push` each chunk as it arrives; it returns the messages and
 * errors found so far, in order. After a client's `t-x-takp-q` the decoder holds the bytes that
 * follow until the caller answers and calls {@link setVersion} (with the new version, or the old
 * one to decline), since they may already be in the new encoding.
 */
export class CotStreamDecoder {
  private currentVersion: TakProtocolVersion;
  private readonly maxBytes: number;
  private readonly limits: CotLimits;
  private stopped = false;
  private held: Uint8Array | null = null;
  private out: StreamItem[] = [];

  // Version 0 (XML) scanner state.
  private mode: XmlMode = 'text';
  private depth = 0;
  private quote = 0;
  private prev = 0;
  private run = 0;
  private bang = '';
  /** Whether the bytes since the root's `<` are being kept (or skipped, when over the limit). */
  private inDoc = false;
  private skipping = false;
  /** Bytes of an oversized event skipped so far. */
  private skipped = 0;
  /** A `<` at depth 0 ended the last chunk: it may start the next event. */
  private ltCarried = false;
  private junk = false;
  private parts: Uint8Array[] = [];
  private size = 0;

  // Version 1 (stream) state.
  private phase: 'magic' | 'length' | 'body' = 'magic';
  private length = 0;
  private shift = 0;
  private bodyLeft = 0;

  constructor(options: StreamDecoderOptions = {}) {
    this.currentVersion = options.version ?? 0;
    this.maxBytes = options.maxBytes ?? defaultMaxBytes;
    this.limits = { maxBytes: this.maxBytes, maxDepth: options.maxDepth };
  }

  get version(): TakProtocolVersion {
    return this.currentVersion;
  }

  /** Whether a fatal error stopped the decoder (the connection should be closed). */
  get closed(): boolean {
    return this.stopped;
  }

  /** Reads the next chunk of the stream. */
  push(chunk: Uint8Array): StreamItem[] {
    if (this.stopped) return [];
    if (this.held) {
      // Waiting for the answer to a protocol request: the client must send nothing meanwhile, so
      // a little is kept, in whatever encoding it is, and more than an event's worth is refused.
      if (this.held.length + chunk.length > this.maxBytes) {
        this.fail(new CotError('malformed', 'data sent while a protocol request awaits its answer'), true);
      } else {
        this.held = Buffer.concat([this.held, chunk]);
      }
      return this.take();
    }
    this.consume(chunk);
    return this.take();
  }

  /** Whether a protocol request awaits the caller's answer ({@link setVersion}). */
  get awaitingAnswer(): boolean {
    return this.held !== null;
  }

  /**
   * Switches the encoding (after negotiation: the new version, or the same one to decline) and
   * reads the bytes held since the request.
   */
  setVersion(version: TakProtocolVersion): StreamItem[] {
    if (this.stopped) return [];
    if (version !== this.currentVersion && (this.inDoc || this.mode !== 'text' || this.phase !== 'magic')) {
      this.fail(new CotError('malformed', 'protocol switch in the middle of a message'), true);
      return this.take();
    }
    this.currentVersion = version;
    const held = this.held;
    this.held = null;
    if (held) this.consume(held);
    return this.take();
  }

  private take(): StreamItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private fail(error: CotError, fatal: boolean): void {
    this.out.push({ kind: 'error', error, fatal });
    if (fatal) {
      this.stopped = true;
      this.parts = [];
      this.held = null;
    }
  }

  private consume(chunk: Uint8Array): void {
    if (this.currentVersion === 0) this.scanXml(chunk);
    else this.readStream(chunk);
  }

  /** Finds where events end in XML bytes; ASCII delimiters never occur inside a UTF-8 sequence. */
  private scanXml(chunk: Uint8Array): void {
    let start = 0;
    if (this.ltCarried) {
      this.ltCarried = false;
      this.parts = [Buffer.from('<')];
      this.size = 1;
    }
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      // Most bytes are text or quoted values inside an event: jump over them natively.
      if (this.mode === 'text' && this.inDoc) {
        i = chunk.indexOf(LT, i);
        if (i < 0) break;
      } else if (this.mode === 'tag' && this.quote) {
        i = chunk.indexOf(this.quote, i);
        if (i < 0) break;
      }
      const b = chunk[i];
      switch (this.mode) {
        case 'text':
          if (b === LT) {
            this.mode = 'lt';
            if (!this.inDoc) {
              this.junk = false;
              start = i;
              if (i === n - 1) this.ltCarried = true;
            }
          } else if (!this.inDoc && !isSpace(b) && !isBom(b) && !this.junk) {
            this.junk = true;
            this.fail(new CotError('malformed', 'text outside an event'), false);
          }
          break;
        case 'lt':
          if (b === QUESTION) {
            this.mode = 'pi';
            this.run = 0;
            if (!this.inDoc) this.dropTentative();
          } else if (b === BANG) {
            this.mode = 'bang';
            this.bang = '';
            if (!this.inDoc) this.dropTentative();
          } else if (b === SLASH) {
            this.mode = 'endtag';
            if (!this.inDoc) this.dropTentative();
          } else if (b === GT) {
            this.mode = 'text';
            if (!this.inDoc) {
              this.dropTentative();
              this.fail(new CotError('malformed', '"<>" outside an event'), false);
            }
          } else {
            this.mode = 'tag';
            this.quote = 0;
            this.prev = b;
            if (!this.inDoc) {
              this.inDoc = true;
              this.skipping = false;
              this.skipped = 0;
            }
          }
          break;
        case 'bang':
          this.bang += String.fromCharCode(b);
          if (this.bang === '--') {
            this.mode = 'comment';
            this.run = 0;
          } else if (this.bang === '[CDATA[') {
            this.mode = 'cdata';
            this.run = 0;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            this.fail(new CotError('entity', 'a DOCTYPE or other declaration is refused (no DTD is read)'), true);
            return;
          }
          break;
        case 'comment':
          if (b === DASH) this.run++;
          else if (b === GT && this.run >= 2) this.mode = 'text';
          else this.run = 0;
          break;
        case 'cdata':
          if (b === RBRACKET) this.run++;
          else if (b === GT && this.run >= 2) this.mode = 'text';
          else this.run = 0;
          break;
        case 'pi':
          if (b === GT && this.run === 1) this.mode = 'text';
          else this.run = b === QUESTION ? 1 : 0;
          break;
        case 'tag':
          if (this.quote) {
            if (b === this.quote) this.quote = 0;
          } else if (b === DQUOTE || b === SQUOTE) {
            this.quote = b;
          } else if (b === GT) {
            this.mode = 'text';
            if (this.prev !== SLASH) this.depth++;
            else if (this.depth === 0) start = this.endDocument(chunk, start, i);
          }
          this.prev = b;
          break;
        case 'endtag':
          if (b === GT) {
            this.mode = 'text';
            if (this.depth === 0) {
              if (!this.inDoc) this.fail(new CotError('malformed', 'an end tag outside an event'), false);
            } else if (--this.depth === 0) {
              start = this.endDocument(chunk, start, i);
            }
          }
          break;
      }
      if (this.stopped) return;
      if (this.held) {
        this.held = chunk.subarray(i + 1);
        return;
      }
    }
    if (!this.inDoc || this.ltCarried) return;
    const part = chunk.subarray(start);
    if (this.skipping) {
      this.skipped += part.length;
      // The end of a broken event may never come: past this, the stream cannot be followed.
      if (this.skipped > skipFactor * this.maxBytes) {
        this.fail(new CotError('too_large', `no end of an event in ${this.skipped} bytes`), true);
      }
    } else if (this.size + part.length > this.maxBytes) {
      this.refuseOversized(this.size + part.length);
    } else {
      this.parts.push(part);
      this.size += part.length;
    }
  }

  /** A `<` at depth 0 turned out to open a prologue or comment, not an event. */
  private dropTentative(): void {
    this.parts = [];
    this.size = 0;
  }

  private refuseOversized(seen: number): void {
    this.skipping = true;
    this.skipped = seen;
    this.parts = [];
    this.size = 0;
    this.fail(
      new CotError('too_large', `an event passed the limit of ${this.maxBytes} bytes (${seen} so far); skipped`),
      false,
    );
  }

  /** The event that ends at byte `end` of the chunk; returns where the next one may start. */
  private endDocument(chunk: Uint8Array, start: number, end: number): number {
    this.inDoc = false;
    this.depth = 0;
    if (this.skipping) {
      this.skipping = false;
      return end + 1;
    }
    const tail = chunk.subarray(start, end + 1);
    const total = this.size + tail.length;
    const bytes = this.parts.length ? Buffer.concat([...this.parts, tail], total) : tail;
    this.parts = [];
    this.size = 0;
    if (total > this.maxBytes) {
      this.fail(new CotError('too_large', `an event of ${total} bytes passed the limit of ${this.maxBytes}`), false);
      return end + 1;
    }
    let event: CotEvent;
    try {
      event = parseCotXml(bytes, this.limits);
    } catch (e) {
      if (!(e instanceof CotError)) throw e;
      this.fail(e, false);
      return end + 1;
    }
    this.out.push({ kind: 'message', message: { event } });
    if (event.type === protocolRequestType) this.held = new Uint8Array(0);
    return end + 1;
  }

  /** Reads `0xbf <varint length> <TakMessage>` frames. */
  private readStream(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.phase === 'magic') {
        if (chunk[i] !== magic) {
          this.fail(
            new CotError('malformed', `expected the TAK protocol magic byte 0xbf, found 0x${hex(chunk[i])}`),
            true,
          );
          return;
        }
        i++;
        this.phase = 'length';
        this.length = 0;
        this.shift = 0;
      } else if (this.phase === 'length') {
        const b = chunk[i++];
        this.length += (b & 0x7f) * 2 ** this.shift;
        this.shift += 7;
        if (b & 0x80) {
          // Five varint bytes already say 32 GiB: anything longer is no message of ours.
          if (this.shift >= 35) {
            this.fail(new CotError('malformed', 'a message length longer than five varint bytes'), true);
            return;
          }
          continue;
        }
        this.phase = 'body';
        this.bodyLeft = this.length;
        this.parts = [];
        this.size = 0;
        this.skipping = this.length > this.maxBytes;
        if (this.skipping) {
          this.fail(
            new CotError('too_large', `a message of ${this.length} bytes, over the limit of ${this.maxBytes}; skipped`),
            false,
          );
        }
        if (this.length === 0) this.endFrame(new Uint8Array(0));
      } else {
        const take = Math.min(this.bodyLeft, n - i);
        const part = chunk.subarray(i, i + take);
        i += take;
        this.bodyLeft -= take;
        if (!this.skipping) {
          this.parts.push(part);
          this.size += take;
        }
        if (this.bodyLeft === 0) {
          const body = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
          this.parts = [];
          this.size = 0;
          if (this.skipping) {
            this.skipping = false;
            this.phase = 'magic';
          } else this.endFrame(body);
        }
      }
    }
  }

  private endFrame(body: Uint8Array): void {
    this.phase = 'magic';
    try {
      this.out.push({ kind: 'message', message: decodeTakMessage(body, this.limits) });
    } catch (e) {
      if (!(e instanceof CotError)) throw e;
      this.fail(e, false);
    }
  }
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

/** A non-negative integer as a protobuf varint. */
export function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Uint8Array.from(out);
}

const xmlProlog = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An event for a version 0 stream: the XML prologue, a newline, the event (as TAK clients send it). */
export function encodeXmlFrame(event: CotEvent): Buffer {
  return Buffer.from(xmlProlog + writeCotXml(event));
}

/** A message for a version 1 stream: `0xbf <varint length> <TakMessage>`. */
export function encodeStreamFrame(message: TakMessage): Buffer {
  const body = encodeTakMessage(message);
  return Buffer.concat([Uint8Array.of(magic), encodeVarint(body.length), body]);
}

/** A mesh datagram: bare XML for version 0, `0xbf <varint version> 0xbf <TakMessage>` for 1. */
export function encodeMeshDatagram(message: TakMessage, version: TakProtocolVersion): Buffer {
  if (version === 0) {
    if (!message.event) throw new CotError('invalid', 'a version 0 datagram carries an event', 'event');
    return Buffer.from(xmlProlog + writeCotXml(message.event));
  }
  return Buffer.concat([Uint8Array.of(magic), encodeVarint(version), Uint8Array.of(magic), encodeTakMessage(message)]);
}

/** Reads one mesh datagram of either version. */
export function decodeMeshDatagram(datagram: Uint8Array, limits: CotLimits = {}): TakMessage {
  if (datagram[0] !== magic) return { event: parseCotXml(datagram, limits) };
  let version = 0;
  let i = 1;
  for (let shift = 0; ; shift += 7) {
    if (i >= datagram.length || shift >= 35) throw new CotError('malformed', 'a truncated TAK protocol header');
    const b = datagram[i++];
    version += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  if (datagram[i] !== magic) throw new CotError('malformed', 'the TAK protocol header lacks its second 0xbf');
  if (version !== 1) throw new CotError('unsupported', `TAK protocol version ${version} is not supported`);
  return decodeTakMessage(datagram.subarray(i + 1), limits);
}
