/**
 * The importer skeleton every CSV format shares (UCDP GED, ACLED): check the header once, skip an
 * HXL hashtag row, split rows into named columns and turn each row into a draft or a row error
 * naming the line and column. A format supplies only its columns — those it cannot build an
 * incident without, and those it reads when present — and a `decode` that throws FieldError on the
 * first bad field.
 *
 * Header names are compared trimmed and lower-cased; extra columns are ignored, so later releases
 * that add columns still import. A header lacking required columns is one fatal error naming all
 * of them; the optional columns it lacks are reported through `onHeader`, so an import summary can
 * say what the file did not carry (an HDX edition without `where_description`, say).
 */
import {
  type CsvAsyncInput,
  CsvError,
  type CsvInput,
  type CsvReadOptions,
  type CsvRecord,
  readCsv,
  readCsvAsync,
} from './csv.ts';
import { FieldError, parseCode } from './draft-fields.ts';
import type { ImportFormat, IncidentDraft, RowError, RowResult } from './incident-draft.ts';

export type DecodedRow = Omit<IncidentDraft, 'format' | 'line' | 'index' | 'raw'>;

export interface CsvIncidentFormat {
  format: ImportFormat;
  /** How the format is named in messages: `UCDP GED`. */
  title: string;
  /** Columns no incident can be built without; a file lacking any of them is refused as a whole. */
  required: readonly string[];
  /** Columns the decoder reads when the file has them (descriptive ones: names, headlines, ranges). */
  optional?: readonly string[];
  decode(row: CsvRow): DecodedRow;
}

/** What the header said, once it was accepted. */
export interface CsvHeaderReport {
  /** The format's optional columns the file lacks, in the format's order. */
  absentOptional: string[];
}

export interface CsvImportOptions extends CsvReadOptions {
  /** Attach each row by column name to its draft as `raw`. */
  keepRaw?: boolean;
  /** Called once the header is accepted, before the first row. */
  onHeader?: (report: CsvHeaderReport) => void;
}

/** One data row, read by column name. */
export class CsvRow {
  readonly line: number;
  private readonly fields: readonly string[];
  private readonly columns: ReadonlyMap<string, number>;

  constructor(line: number, fields: readonly string[], columns: ReadonlyMap<string, number>) {
    this.line = line;
    this.fields = fields;
    this.columns = columns;
  }

  /** The cell of a column, or '' when the file has no such column. */
  get(column: string): string {
    const i = this.columns.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '');
  }

  /** The cell of a column looked up in a format's code table; FieldError names the column otherwise. */
  code<T>(table: Readonly<Record<string, T>>, column: string): T {
    return parseCode(table, this.get(column), column);
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** The row as an object keyed by column name. */
  record(): Record<string, string> {
    // fromEntries defines own properties: a column named `__proto__` stays a column.
    return Object.fromEntries(Array.from(this.columns, ([name, i]) => [name, this.fields[i] ?? '']));
  }
}

const at = (line: number) => `line ${line}`;

/** The state of one import: before the header, after it, or stopped by a fatal error. */
class CsvIncidentReader {
  stopped = false;
  private columns: Map<string, number> | null = null;
  private width = 0;
  private firstDataRow = true;
  private readonly format: CsvIncidentFormat;
  private readonly keepRaw: boolean;
  private readonly onHeader: ((report: CsvHeaderReport) => void) | undefined;

  constructor(format: CsvIncidentFormat, options: CsvImportOptions) {
    this.format = format;
    this.keepRaw = options.keepRaw ?? false;
    this.onHeader = options.onHeader;
  }

  accept(rec: CsvRecord): RowResult | null {
    if (!this.columns) return this.header(rec);
    const first = this.firstDataRow;
    this.firstDataRow = false;
    if (rec.fields.every((f) => f.trim() === '')) return null;
    if (first && isHxlRow(rec.fields)) return null;
    if (rec.fields.length !== this.width) {
      return this.error(
        rec.line,
        undefined,
        `expected ${this.width} fields as in the header, found ${rec.fields.length}`,
      );
    }
    const row = new CsvRow(rec.line, rec.fields, this.columns);
    try {
      const decoded = this.format.decode(row);
      const draft: IncidentDraft = { format: this.format.format, line: rec.line, ...decoded };
      if (this.keepRaw) draft.raw = row.record();
      return { ok: draft };
    } catch (e) {
      if (e instanceof FieldError) return this.error(rec.line, e.field, e.reason);
      throw e;
    }
  }

  /** The error for a file that ended before its header. */
  end(): RowResult | null {
    return this.columns
      ? null
      : this.fatal(1, 'header', `the file is empty: expected a ${this.format.title} CSV header`);
  }

  broken(e: CsvError): RowResult {
    return this.fatal(e.line, undefined, `${e.reason}; the rest of the file was not read`);
  }

  private header(rec: CsvRecord): RowResult | null {
    const names = rec.fields.map((f) => f.trim().toLowerCase());
    const columns = new Map<string, number>();
    const twice = new Set<string>();
    names.forEach((name, i) => {
      if (columns.has(name)) twice.add(name);
      else columns.set(name, i);
    });
    const missing = this.format.required.filter((c) => !columns.has(c));
    if (missing.length > 0) {
      const s = missing.length === 1 ? '' : 's';
      return this.fatal(
        rec.line,
        'header',
        `the ${this.format.title} CSV header lacks column${s} ${missing.join(', ')}`,
      );
    }
    const optional = this.format.optional ?? [];
    const ambiguous = [...this.format.required, ...optional].filter((c) => twice.has(c));
    if (ambiguous.length > 0) {
      return this.fatal(
        rec.line,
        'header',
        ambiguous.length === 1
          ? `column ${ambiguous[0]} appears more than once`
          : `columns ${ambiguous.join(', ')} appear more than once`,
      );
    }
    this.columns = columns;
    this.width = names.length;
    this.onHeader?.({ absentOptional: optional.filter((c) => !columns.has(c)) });
    return null;
  }

  private error(line: number, field: string | undefined, reason: string): RowResult {
    const error: RowError = { line, where: at(line), reason };
    if (field !== undefined) error.field = field;
    return { error };
  }

  private fatal(line: number, field: string | undefined, reason: string): RowResult {
    this.stopped = true;
    const result = this.error(line, field, reason);
    if ('error' in result) result.error.fatal = true;
    return result;
  }
}

/**
 * HDX downloads carry a row of HXL hashtags (`#event+id`, `#geo+lat`) right under the header: a row
 * whose every non-empty cell starts with `#`. No data row can look like it: every format requires an
 * identifier and coordinates, which never start with `#`.
 */
function isHxlRow(fields: readonly string[]): boolean {
  const filled = fields.map((f) => f.trim()).filter((f) => f !== '');
  return filled.length > 0 && filled.every((f) => f.startsWith('#'));
}

/** Imports a CSV incident file given as a string or chunks: one result per data row. */
export function* importCsvIncidents(
  input: CsvInput,
  format: CsvIncidentFormat,
  options: CsvImportOptions = {},
): Generator<RowResult> {
  const reader = new CsvIncidentReader(format, options);
  try {
    for (const rec of readCsv(input, options)) {
      const result = reader.accept(rec);
      if (result) yield result;
      if (reader.stopped) return;
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    yield reader.broken(e);
    return;
  }
  const end = reader.end();
  if (end) yield end;
}

/** Like {@link importCsvIncidents}, for a stream of chunks. */
export async function* importCsvIncidentsAsync(
  input: CsvAsyncInput,
  format: CsvIncidentFormat,
  options: CsvImportOptions = {},
): AsyncGenerator<RowResult> {
  const reader = new CsvIncidentReader(format, options);
  try {
    for await (const rec of readCsvAsync(input, options)) {
      const result = reader.accept(rec);
      if (result) yield result;
      if (reader.stopped) return;
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    yield reader.broken(e);
    return;
  }
  const end = reader.end();
  if (end) yield end;
}
