/**
 * TAK stream framing: a per-connection decoder fed with the chunks a socket delivers, however they
 * split the events, and the encoders of each framing.
 *
 * - Protocol version 0: one XML `<event>` document after another, each possibly preceded by an
 *   `<?xml?>` prologue, comments or whitespace; xml-event-scanner.ts finds where each ends, and
 *   each is read on its own by the XML reader.
 * - Protocol version 1 stream: `0xbf <varint length> <TakMessage>`.
 *
 * (Mesh datagrams are in mesh.ts.)
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
import { XmlEventScanner, type XmlEventSink } from './xml-event-scanner.ts';

/** The TAK protocol versions this codec speaks. */
export type TakProtocolVersion = 0 | 1;

/** The TAK protocol's magic byte, before every version 1 message. */
export const takMagic = 0xbf;

export type StreamItem = { kind: 'message'; message: TakMessage } | { kind: 'error'; error: CotError; fatal: boolean };

export interface StreamDecoderOptions extends CotLimits {
  /** The version the connection starts with (0 until negotiated). */
  version?: TakProtocolVersion;
}

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

  private readonly xml: XmlEventScanner;
  private readonly sink: XmlEventSink = {
    event: (bytes) => this.xmlEvent(bytes),
    error: (error, fatal) => this.fail(error, fatal),
  };

  // Version 1 (stream) state.
  private phase: 'magic' | 'length' | 'body' = 'magic';
  private length = 0;
  private shift = 0;
  private bodyLeft = 0;
  private skipping = false;
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(options: StreamDecoderOptions = {}) {
    this.currentVersion = options.version ?? 0;
    this.maxBytes = options.maxBytes ?? defaultMaxBytes;
    this.limits = { maxBytes: this.maxBytes, maxDepth: options.maxDepth };
    this.xml = new XmlEventScanner(this.maxBytes);
  }

  get version(): TakProtocolVersion {
    return this.currentVersion;
  }

  /** Whether a fatal error stopped the decoder (the connection should be closed). */
  get closed(): boolean {
    return this.stopped;
  }

  /**
   * Reads the next chunk of the stream. The decoder may keep views of the chunk until the event in
   * it is complete, so the caller must not reuse its memory (Node's sockets do not).
   */
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
    if (version !== this.currentVersion && (!this.xml.idle || this.phase !== 'magic')) {
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

  private scanXml(chunk: Uint8Array): void {
    const end = this.xml.scan(chunk, this.sink);
    // A protocol request: what follows it waits for the caller's answer.
    if (end >= 0 && this.held) this.held = chunk.subarray(end);
  }

  /** One whole XML event from the scanner; returns true to stop after a protocol request. */
  private xmlEvent(bytes: Uint8Array): boolean {
    let event: CotEvent;
    try {
      event = parseCotXml(bytes, this.limits);
    } catch (e) {
      if (!(e instanceof CotError)) throw e;
      this.fail(e, false);
      return false;
    }
    this.out.push({ kind: 'message', message: { event } });
    if (event.type !== protocolRequestType) return false;
    this.held = new Uint8Array(0);
    return true;
  }

  /** Reads `0xbf <varint length> <TakMessage>` frames. */
  private readStream(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.phase === 'magic') {
        if (chunk[i] !== takMagic) {
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

/** The XML prologue TAK clients put before each event. */
export const xmlProlog = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An event for a version 0 stream: the XML prologue, a newline, the event (as TAK clients send it). */
export function encodeXmlFrame(event: CotEvent): Buffer {
  return Buffer.from(xmlProlog + writeCotXml(event));
}

/** A message for a version 1 stream: `0xbf <varint length> <TakMessage>`. */
export function encodeStreamFrame(message: TakMessage): Buffer {
  const body = encodeTakMessage(message);
  return Buffer.concat([Uint8Array.of(takMagic), encodeVarint(body.length), body]);
}
