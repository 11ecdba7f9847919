/**
 * RFC 4180 CSV, read and written.
 *
 * Reading is incremental: the input is a string or an iterable (sync or async) of chunks, strings or
 * UTF-8 bytes, split anywhere (inside a quoted field, between CR and LF, inside a multi-byte
 * character). Each record carries the 1-based physical line it starts on, so an importer can name
 * the line of a bad row even when quoted fields span several lines. Line breaks are CRLF, LF or a
 * lone CR, inside and outside quotes alike; a UTF-8 byte-order mark at the start is dropped.
 * Blank lines are skipped (a record holding one empty field is written `""`, see below).
 * A malformed file raises {@link CsvError} naming the line: a quote inside an unquoted field, a
 * character after a closing quote, a quoted field never closed, a field or record beyond the limits,
 * bytes that are not UTF-8. These are not recoverable per row (after a stray quote the reader cannot
 * know where the row ends), so an importer reports them as fatal to the file.
 *
 * Writing follows OWASP's CSV-injection advice unless told not to: a cell that a spreadsheet would
 * read as a formula gets a leading `'`. A formula is a cell starting with `=`, `+`, `-`, `@`, tab or
 * CR, or with spaces then one of `=+-@`. A cell that is a plain decimal number (`-3.5`, `+2`, `1e-3`)
 * is left alone: a spreadsheet reads it as that number and nothing else, and neutralising it would
 * turn every negative longitude into text. The reader never strips a `'`: it cannot tell a
 * neutralised cell from one that really started with `'`.
 */

export class CsvError extends Error {
  /** 1-based physical line where the problem lies. */
  readonly line: number;
  readonly reason: string;

  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvError';
    this.line = line;
    this.reason = reason;
  }
}

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvReadOptions {
  /** Longest field accepted, in UTF-16 code units (default 1,000,000). */
  maxFieldLength?: number;
  /** Most fields accepted in one record (default 10,000). */
  maxFields?: number;
}

export type CsvChunk = string | Uint8Array;
export type CsvInput = string | Iterable<CsvChunk>;
export type CsvAsyncInput = CsvInput | AsyncIterable<CsvChunk>;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

const states = { fieldStart: 0, unquoted: 1, quoted: 2, quoteInQuoted: 3 } as const;
type State = (typeof states)[keyof typeof states];

/** The incremental parser behind {@link readCsv} and {@link readCsvAsync}. */
export class CsvParser {
  private state: State = states.fieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private content = false;
  private prevCR = false;
  private atStart = true;
  private decoder: TextDecoder | null = null;
  private error: CsvError | null = null;
  private readonly maxFieldLength: number;
  private readonly maxFields: number;

  constructor(options: CsvReadOptions = {}) {
    this.maxFieldLength = options.maxFieldLength ?? 1_000_000;
    this.maxFields = options.maxFields ?? 10_000;
  }

  /**
   * Feeds one chunk; returns the records it completed. When the chunk holds an error, the records
   * completed before it are returned and the error is thrown by the next call.
   */
  push(chunk: CsvChunk): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.rethrow();
    try {
      this.pushInto(chunk, out);
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      this.error = e;
    }
    return out;
  }

  /** Signals the end of input; returns the last record, if any. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.rethrow();
    this.flushDecoder(out);
    if (this.state === states.quoted) {
      throw new CsvError(this.quoteLine, `the quoted field starting on line ${this.quoteLine} is never closed`);
    }
    if (this.content) this.endRecord(out);
    return out;
  }

  private rethrow(): void {
    if (this.error) throw this.error;
  }

  private pushInto(chunk: CsvChunk, out: CsvRecord[]): void {
    if (typeof chunk === 'string') {
      this.flushDecoder(out);
      this.feed(chunk, out);
    } else {
      // The reader strips a leading byte order mark itself (see feed): Node's decoder, left to do it,
      // also drops a BOM after an incomplete first character when the input arrives in pieces.
      this.decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      let text: string;
      try {
        text = this.decoder.decode(chunk, { stream: true });
      } catch {
        // Name the line of the first bad byte: decode leniently and count the lines before it.
        const lenient = new TextDecoder('utf-8').decode(chunk);
        const bad = lenient.indexOf('\uFFFD');
        const before = lenient.slice(0, bad < 0 ? 0 : bad).match(/\r\n|\r|\n/g)?.length ?? 0;
        throw new CsvError(this.line + before, 'the file is not valid UTF-8');
      }
      this.feed(text, out);
    }
  }

  private flushDecoder(out: CsvRecord[]): void {
    if (!this.decoder) return;
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      throw new CsvError(this.line, 'the file is not valid UTF-8 (it ends inside a character)');
    }
    this.decoder = null;
    this.feed(text, out);
  }

  private feed(s: string, out: CsvRecord[]): void {
    let i = 0;
    const n = s.length;
    if (this.atStart && n > 0) {
      this.atStart = false;
      if (s.charCodeAt(0) === 0xfeff) i = 1;
    }
    while (i < n) {
      if (this.state === states.quoted) {
        const q = s.indexOf('"', i);
        const stop = q === -1 ? n : q;
        this.countLines(s, i, stop);
        this.append(s.slice(i, stop));
        if (q === -1) return;
        this.state = states.quoteInQuoted;
        this.prevCR = false;
        i = q + 1;
        continue;
      }
      if (this.state === states.quoteInQuoted) {
        const c = s.charCodeAt(i);
        if (c === QUOTE) {
          this.append('"');
          this.state = states.quoted;
          i++;
        } else if (c === COMMA) {
          this.endField();
          i++;
        } else if (c === CR || c === LF) {
          this.line++;
          this.prevCR = c === CR;
          this.endRecord(out);
          i++;
        } else {
          throw new CsvError(
            this.line,
            'unexpected character after a closing quote (a quote inside a field is doubled: "")',
          );
        }
        continue;
      }
      // fieldStart or unquoted: take the run of ordinary characters in one slice.
      let j = i;
      let c = 0;
      while (j < n) {
        c = s.charCodeAt(j);
        if (c === COMMA || c === QUOTE || c === CR || c === LF) break;
        j++;
      }
      if (j > i) {
        this.append(s.slice(i, j));
        this.content = true;
        this.state = states.unquoted;
        this.prevCR = false;
      }
      if (j === n) return;
      i = j + 1;
      if (c === QUOTE) {
        if (this.state === states.unquoted) {
          throw new CsvError(
            this.line,
            'a quote inside an unquoted field (quote the whole field and double the quote)',
          );
        }
        this.state = states.quoted;
        this.quoteLine = this.line;
        this.content = true;
        this.prevCR = false;
      } else if (c === COMMA) {
        this.content = true;
        this.prevCR = false;
        this.endField();
      } else if (c === LF && this.prevCR) {
        this.prevCR = false; // the LF of a CRLF whose CR already ended the record
      } else {
        this.line++;
        this.prevCR = c === CR;
        this.endRecord(out);
      }
    }
  }

  private countLines(s: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c === CR) {
        this.line++;
        this.prevCR = true;
      } else if (c === LF) {
        if (!this.prevCR) this.line++;
        this.prevCR = false;
      } else {
        this.prevCR = false;
      }
    }
  }

  private append(text: string): void {
    this.field += text;
    if (this.field.length > this.maxFieldLength) {
      throw new CsvError(this.line, `a field longer than ${this.maxFieldLength} characters`);
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = states.fieldStart;
    if (this.fields.length >= this.maxFields) {
      throw new CsvError(this.recordLine, `a record with more than ${this.maxFields} fields`);
    }
  }

  private endRecord(out: CsvRecord[]): void {
    if (this.content) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.field = '';
    this.content = false;
    this.state = states.fieldStart;
    this.recordLine = this.line;
  }
}

/** A string is fed in slices, so records reach the caller as the parse goes rather than all at the end. */
function* slices(text: string): Generator<string> {
  const size = 1 << 16;
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function chunksOf(input: CsvInput): Iterable<CsvChunk> {
  return typeof input === 'string' ? slices(input) : input;
}

/** Reads CSV records, each with the line it starts on; throws {@link CsvError} on a malformed file. */
export function* readCsv(input: CsvInput, options?: CsvReadOptions): Generator<CsvRecord> {
  const parser = new CsvParser(options);
  for (const chunk of chunksOf(input)) yield* parser.push(chunk);
  yield* parser.end();
}

/** Like {@link readCsv}, for a stream of chunks such as a file read stream. */
export async function* readCsvAsync(input: CsvAsyncInput, options?: CsvReadOptions): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options);
  const chunks = typeof input === 'string' ? slices(input) : input;
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** Prefix formula-like text cells with `'` (default true). */
  neutraliseFormulas?: boolean;
  /** Default CRLF, as RFC 4180 says. */
  lineEnding?: '\r\n' | '\n';
  /** Start the document with a UTF-8 byte-order mark, without which Excel misreads Arabic and Kurdish text (default false). */
  byteOrderMark?: boolean;
}

const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const formulaStart = /^[\t\r]|^\s*[=+\-@]/;

/** The cell with a leading `'` if a spreadsheet would run it as a formula; plain numbers are left alone. */
export function neutraliseFormula(cell: string): string {
  return formulaStart.test(cell) && !plainNumber.test(cell) ? `'${cell}` : cell;
}

const needsQuotes = /[",\r\n]|^\s|\s$|^\uFEFF/;

function cellText(cell: CsvCell, neutralise: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return neutralise ? neutraliseFormula(cell) : cell;
}

/** One CSV record with its line ending. A row must have at least one cell. */
export function formatCsvRow(cells: readonly CsvCell[], options: CsvWriteOptions = {}): string {
  if (cells.length === 0) throw new RangeError('a CSV row needs at least one cell');
  const neutralise = options.neutraliseFormulas ?? true;
  const texts = cells.map((cell) => {
    const text = cellText(cell, neutralise);
    return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  });
  // A lone empty cell would be a blank line, which readers skip: quote it.
  if (texts.length === 1 && texts[0] === '') texts[0] = '""';
  return texts.join(',') + (options.lineEnding ?? '\r\n');
}

/** A whole CSV document. */
export function formatCsv(rows: Iterable<readonly CsvCell[]>, options: CsvWriteOptions = {}): string {
  let out = options.byteOrderMark ? '\uFEFF' : '';
  for (const row of rows) out += formatCsvRow(row, options);
  return out;
}
