/**
 * Where each event ends in a version 0 stream: one XML `<event>` document after another, each
 * possibly preceded by an `<?xml?>` prologue, comments or whitespace. The scanner follows tags,
 * quoted values, comments, CDATA sections and processing instructions byte by byte (their
 * delimiters are ASCII, which never occurs inside a UTF-8 sequence), so a `</event>` in an
 * attribute or a remark does not end an event, and hands each whole event's bytes on. It does not
 * check well-formedness: the XML reader does, on exactly one event.
 *
 * The size limit holds while buffering: an event is refused as soon as what has arrived of it
 * passes the limit, and the rest of it is skipped without being kept — up to a point, past which
 * the stream is given up. A DOCTYPE (or any declaration) is fatal: no entity trick gets a reader.
 */
import { CotError } from './cot-error.ts';

/** Where the scanner sends what it finds. */
export interface XmlEventSink {
  /** The bytes of one whole event; returning true stops the scan right after it. */
  event(bytes: Uint8Array): boolean;
  error(error: CotError, fatal: boolean): void;
}

/** How many times the size limit an oversized event may run on before the stream is given up. */
const skipFactor = 16;

// The bytes the scanner looks for.
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

type Mode = 'text' | 'lt' | 'bang' | 'tag' | 'endtag' | 'pi' | 'comment' | 'cdata';

export class XmlEventScanner {
  private mode: Mode = 'text';
  private depth = 0;
  private quote = 0;
  private prev = 0;
  /** Progress through a terminator: dashes before `>`, brackets before `>`, a `?` before `>`. */
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

  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Whether the scanner is between events (where a stream may switch encodings). */
  get idle(): boolean {
    return !this.inDoc && this.mode === 'text';
  }

  /**
   * Scans the next chunk. Returns where it stopped: the chunk's length when it read all of it, the
   * index after an event the sink asked to stop at, or -1 after a fatal error. The chunk's memory
   * may be kept (as views) until its event is complete.
   */
  scan(chunk: Uint8Array, sink: XmlEventSink): number {
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
      let ended = false;
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
            sink.error(new CotError('malformed', 'text outside an event'), false);
          }
          break;
        case 'lt':
          if (b === QUESTION || b === BANG || b === SLASH) {
            this.mode = b === QUESTION ? 'pi' : b === BANG ? 'bang' : 'endtag';
            this.run = 0;
            this.bang = '';
            // A prologue, comment or stray end tag between events, not an event.
            if (!this.inDoc) this.dropKept();
          } else if (b === GT) {
            this.mode = 'text';
            if (!this.inDoc) {
              this.dropKept();
              sink.error(new CotError('malformed', '"<>" outside an event'), false);
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
          } else if (this.bang === '[CDATA[') {
            this.mode = 'cdata';
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            this.dropKept();
            sink.error(new CotError('entity', 'a DOCTYPE or other declaration is refused (no DTD is read)'), true);
            return -1;
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
            else if (this.depth === 0) ended = true;
          }
          this.prev = b;
          break;
        case 'endtag':
          if (b === GT) {
            this.mode = 'text';
            if (this.depth === 0) {
              if (!this.inDoc) sink.error(new CotError('malformed', 'an end tag outside an event'), false);
            } else if (--this.depth === 0) {
              ended = true;
            }
          }
          break;
      }
      if (ended) {
        const stop = this.endEvent(chunk.subarray(start, i + 1), sink);
        start = i + 1;
        if (stop) return i + 1;
      }
    }
    if (this.inDoc && !this.ltCarried) this.keep(chunk.subarray(start), sink);
    return n;
  }

  /** Keeps the part of an event a chunk ended inside, or refuses the event if it grows too large. */
  private keep(part: Uint8Array, sink: XmlEventSink): void {
    if (this.skipping) {
      this.skipped += part.length;
      // The end of a broken event may never come: past this, the stream cannot be followed.
      if (this.skipped > skipFactor * this.maxBytes) {
        sink.error(new CotError('too_large', `no end of an event in ${this.skipped} bytes`), true);
      }
    } else if (this.size + part.length > this.maxBytes) {
      const seen = this.size + part.length;
      this.dropKept();
      this.skipping = true;
      this.skipped = seen;
      sink.error(
        new CotError('too_large', `an event passed the limit of ${this.maxBytes} bytes (${seen} so far); skipped`),
        false,
      );
    } else {
      this.parts.push(part);
      this.size += part.length;
    }
  }

  private dropKept(): void {
    this.parts = [];
    this.size = 0;
  }

  /** The event whose last bytes are `tail`; returns whether the sink asked to stop. */
  private endEvent(tail: Uint8Array, sink: XmlEventSink): boolean {
    this.inDoc = false;
    this.depth = 0;
    if (this.skipping) {
      this.skipping = false;
      return false;
    }
    const total = this.size + tail.length;
    const bytes = this.parts.length ? Buffer.concat([...this.parts, tail], total) : tail;
    this.dropKept();
    if (total > this.maxBytes) {
      sink.error(new CotError('too_large', `an event of ${total} bytes passed the limit of ${this.maxBytes}`), false);
      return false;
    }
    return sink.event(bytes);
  }
}
