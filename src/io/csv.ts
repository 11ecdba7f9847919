/**
 * RFC 4180 CSV, read with `csv-parse` and written with `csv-stringify`, wrapped so every importer
 * gets the same safe settings and line-precise errors.
 *
 * Reading is incremental: the input is a string or an iterable (sync or async) of chunks, strings or
 * UTF-8 bytes, split anywhere (inside a quoted field, between CR and LF, inside a multi-byte
 * character). Each record carries the 1-based physical line it starts on, so an importer can name
 * the line of a bad row even when quoted fields span several lines. Line breaks are CRLF, LF or a
 * lone CR, inside and outside quotes alike; a UTF-8 byte-order mark at the start is dropped.
 * Blank lines are skipped (a record holding one empty field is written `""`, see below).
 * A malformed file raises {@link CsvError} naming the line: a quote inside an unquoted field, a
 * character after a closing quote, a quoted field never closed, a field, record or file beyond the
 * limits, bytes that are not UTF-8. These are not recoverable per row (after a stray quote the
 * reader cannot know where the row ends), so an importer reports them as fatal to the file.
 *
 * Lines are counted here, not taken from csv-parse: it counts a CRLF inside a quoted field as two
 * lines. A record starts on the line after the previous record ends plus the blank lines skipped
 * between them; it ends that many lines further on as its fields hold line breaks (only quoted
 * fields can, and they keep them verbatim).
 *
 * Writing follows OWASP's CSV-injection advice unless told not to: a cell that a spreadsheet would
 * read as a formula gets a leading `'`. A formula is a cell starting with `=`, `+`, `-`, `@`, tab or
 * CR, or with spaces then one of `=+-@`. A cell that is a plain decimal number (`-3.5`, `+2`, `1e-3`)
 * is left alone: a spreadsheet reads it as that number and nothing else, and neutralising it would
 * turn every negative longitude into text (csv-stringify's own `escape_formulas` would). The reader
 * never strips a `'`: it cannot tell a neutralised cell from one that really started with `'`.
 */
import { CsvError as LibCsvError, Parser } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

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
  /** Largest record accepted, in UTF-8 bytes of its fields (default 8 MiB): bounds memory before a record is whole. */
  maxRecordBytes?: number;
  /** Most records accepted, the header included (default: no limit). */
  maxRecords?: number;
}

export type CsvChunk = string | Uint8Array;
export type CsvInput = string | Iterable<CsvChunk>;
export type CsvAsyncInput = CsvInput | AsyncIterable<CsvChunk>;

/** What csv-parse pushes for each record with `raw: true`. */
interface RawRecord {
  record: string[];
  raw: string;
}

/**
 * csv-parse's stream class driven synchronously through its Transform hooks (`_transform`,
 * `_flush`), with `push` taking each record as it is completed: records reach the caller as the
 * parse goes, and an error comes back from the same call that found it.
 */
class RecordParser extends Parser {
  sink: (record: RawRecord) => void = () => {};

  override push(chunk: unknown): boolean {
    if (chunk !== null) this.sink(chunk as RawRecord);
    return true;
  }
}

const lineBreak = /\r\n|\r|\n/g;
const countBreaks = (s: string) => s.match(lineBreak)?.length ?? 0;

/** The raw text of a record without the blank lines csv-parse skipped before it. */
const recordText = (raw: unknown) => (typeof raw === 'string' ? raw.replace(/^[\r\n]+/, '') : '');

/** Offset of the quote that opened the field still open at the end of `raw`. */
function openQuoteAt(raw: string): number {
  let inQuotes = false;
  let opened = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 34) continue;
    // Outside quotes a quote either opens a field or is the second half of a doubled quote.
    if (!inQuotes && raw.charCodeAt(i - 1) !== 34) opened = i;
    inQuotes = !inQuotes;
  }
  return opened;
}

/** The incremental reader behind {@link readCsv} and {@link readCsvAsync}. */
export class CsvParser {
  private readonly parser: RecordParser;
  private out: CsvRecord[] = [];
  /** Line on which the last record ended (0 before the first). */
  private lastEnd = 0;
  /** Blank lines csv-parse had skipped when the last record ended. */
  private blanksSeen = 0;
  private records = 0;
  private decoder: TextDecoder | null = null;
  /** A high surrogate ending a string chunk, held until its pair arrives. */
  private pendingSurrogate = '';
  /** Line count of the bytes decoded so far, for naming the line of a bad byte. */
  private decodedLines = 1;
  /** The decoded text so far ended with CR, so an LF starting the next piece ends no further line. */
  private decodedCR = false;
  private error: CsvError | null = null;
  private readonly maxFieldLength: number;
  private readonly maxFields: number;
  private readonly maxRecordBytes: number;
  private readonly maxRecords: number;

  constructor(options: CsvReadOptions = {}) {
    this.maxFieldLength = options.maxFieldLength ?? 1_000_000;
    this.maxFields = options.maxFields ?? 10_000;
    this.maxRecordBytes = options.maxRecordBytes ?? 8 * 1024 * 1024;
    this.maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
    this.parser = new RecordParser({
      bom: true,
      encoding: 'utf8',
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: this.maxRecordBytes,
      // The raw text lets an error be placed on its line; records are read from `record`.
      raw: true,
    });
    this.parser.sink = (r) => this.record(r);
  }

  /**
   * Feeds one chunk; returns the records it completed. When the chunk holds an error, the records
   * completed before it are returned and the error is thrown by the next call.
   */
  push(chunk: CsvChunk): CsvRecord[] {
    this.rethrow();
    try {
      if (typeof chunk === 'string') {
        this.flushDecoder();
        this.feedText(chunk);
      } else {
        this.feedBytes(chunk);
      }
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      this.error = e;
    }
    return this.take();
  }

  /** Signals the end of input; returns the last record, if any. */
  end(): CsvRecord[] {
    this.rethrow();
    this.flushDecoder();
    if (this.pendingSurrogate) this.feed(this.pendingSurrogate);
    this.pendingSurrogate = '';
    let failure: unknown;
    this.parser._flush((e?: Error | null) => {
      failure = e;
    });
    if (failure) throw this.located(failure);
    return this.take();
  }

  private rethrow(): void {
    if (this.error) throw this.error;
  }

  private take(): CsvRecord[] {
    const done = this.out;
    this.out = [];
    return done;
  }

  private feedBytes(chunk: Uint8Array): void {
    // The reader lets csv-parse strip a leading byte order mark: Node's decoder, left to do it,
    // also drops a BOM after an incomplete first character when the input arrives in pieces.
    this.decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      // Name the line of the first bad byte: decode leniently and count the lines before it.
      const lenient = new TextDecoder('utf-8').decode(chunk);
      const bad = lenient.indexOf('\uFFFD');
      throw new CsvError(
        this.decodedLines + this.linesIn(lenient.slice(0, Math.max(bad, 0))),
        'the file is not valid UTF-8',
      );
    }
    this.decodedLines += this.linesIn(text);
    if (text) this.decodedCR = text.charCodeAt(text.length - 1) === 13;
    this.feedText(text);
  }

  /** Line breaks in decoded text that follows what was decoded before (a CRLF split between pieces counts once). */
  private linesIn(text: string): number {
    return countBreaks(text) - (this.decodedCR && text.charCodeAt(0) === 10 ? 1 : 0);
  }

  private flushDecoder(): void {
    if (!this.decoder) return;
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      throw new CsvError(this.decodedLines, 'the file is not valid UTF-8 (it ends inside a character)');
    }
    this.decoder = null;
    this.feedText(text);
  }

  private feedText(chunk: string): void {
    // csv-parse reads bytes: a surrogate pair split between two chunks must reach it whole.
    let text = this.pendingSurrogate + chunk;
    this.pendingSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text) this.feed(text);
  }

  private feed(text: string): void {
    let failure: unknown;
    this.parser._transform(Buffer.from(text, 'utf8'), 'utf8', (e?: Error | null) => {
      failure = e;
    });
    if (failure) throw this.located(failure);
  }

  private record({ record: fields }: RawRecord): void {
    const blanks = this.parser.info.empty_lines;
    const line = this.lastEnd + 1 + (blanks - this.blanksSeen);
    this.blanksSeen = blanks;
    let at = line;
    for (const field of fields) {
      if (field.length > this.maxFieldLength) {
        throw new CsvError(at, `a field longer than ${this.maxFieldLength} characters`);
      }
      at += countBreaks(field);
    }
    this.lastEnd = at;
    if (fields.length > this.maxFields) throw new CsvError(line, `a record with more than ${this.maxFields} fields`);
    if (++this.records > this.maxRecords) throw new CsvError(line, `more than ${this.maxRecords} records`);
    this.out.push({ line, fields });
  }

  /** csv-parse's error as a CsvError on the line where the problem lies. */
  private located(e: unknown): CsvError {
    if (e instanceof CsvError) return e;
    if (!(e instanceof LibCsvError)) throw e;
    const info = e as LibCsvError & { empty_lines?: number; raw?: unknown };
    const start = this.lastEnd + 1 + ((info.empty_lines ?? this.blanksSeen) - this.blanksSeen);
    const raw = recordText(info.raw);
    const here = start + countBreaks(raw);
    switch (e.code) {
      case 'INVALID_OPENING_QUOTE':
        return new CsvError(here, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      case 'CSV_INVALID_CLOSING_QUOTE':
        return new CsvError(here, 'unexpected character after a closing quote (a quote inside a field is doubled: "")');
      case 'CSV_QUOTE_NOT_CLOSED': {
        const opened = start + countBreaks(raw.slice(0, openQuoteAt(raw)));
        return new CsvError(opened, `the quoted field starting on line ${opened} is never closed`);
      }
      case 'CSV_MAX_RECORD_SIZE':
        return new CsvError(start, `a record larger than ${this.maxRecordBytes} bytes`);
      default:
        return new CsvError(here, e.message);
    }
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

function cellText(cell: CsvCell, neutralise: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return neutralise ? neutraliseFormula(cell) : cell;
}

/**
 * Beyond what csv-stringify quotes by itself (comma, quote, CR, LF): edge spaces, which some
 * readers trim, and a leading BOM, which a reader would strip from the first cell.
 */
const alsoQuoted = /^\s|\s$|^\uFEFF/;

/** One CSV record with its line ending. A row must have at least one cell. */
export function formatCsvRow(cells: readonly CsvCell[], options: CsvWriteOptions = {}): string {
  if (cells.length === 0) throw new RangeError('a CSV row needs at least one cell');
  const neutralise = options.neutraliseFormulas ?? true;
  const texts = cells.map((cell) => cellText(cell, neutralise));
  return stringify([texts], {
    record_delimiter: options.lineEnding === '\n' ? 'unix' : 'windows',
    // Quote any cell holding CR or LF, whatever line ending the document uses.
    quote_record_delimiter: true,
    quoted_match: alsoQuoted,
    // A lone empty cell would be a blank line, which readers skip: quote it.
    quoted_empty: texts.length === 1 && texts[0] === '',
  });
}

/** A whole CSV document. */
export function formatCsv(rows: Iterable<readonly CsvCell[]>, options: CsvWriteOptions = {}): string {
  let out = options.byteOrderMark ? '\uFEFF' : '';
  for (const row of rows) out += formatCsvRow(row, options);
  return out;
}
