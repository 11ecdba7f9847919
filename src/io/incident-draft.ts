/**
 * What an importer yields for each row of a file, before enrichment (JCC, governorate, owner,
 * releasability, ids are the caller's): either a draft or the reason the row was refused.
 *
 * Every importer is a generator of {@link RowResult}, one per row (CSV record, GeoJSON feature, KML
 * placemark), in file order, so the caller picks the policy:
 * - all or nothing: `const r = collectRows(rows); if (r.errors.length) throw importRefused(r.errors)`;
 * - `--skip-invalid`: keep `r.drafts`, report `r.errors` — unless an error is `fatal`: the file
 *   itself could not be read (a header missing columns, broken CSV quoting, not JSON, not XML),
 *   and no row after it was looked at, so skipping cannot help;
 * - streaming: consume the generator and write in batches.
 * A row yields at most one error: the first field found wrong.
 */
import { SeamError } from '../domain/errors.ts';
import type { Incident } from '../domain/incident.ts';

export const importFormats = ['ucdp-ged', 'acled', 'geojson', 'kml'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** Casualty estimates a source gives beyond what a Seam record holds (UCDP best/low/high, ACLED's one figure). */
export interface Fatalities {
  best: number;
  low: number | null;
  high: number | null;
}

/**
 * One imported row: the fields of an incident (`domain/incident.ts`) a file can give, and what an
 * import knows besides. `casualties.forces` names Seam organisations the caller must check (UCDP
 * and ACLED rows leave it empty); `exercise` is set when the file itself marks the row as
 * synthetic exercise data (GeoJSON/KML `exercise`, ACLED tag `seam-exercise`).
 */
/** The fields of an incident an imported file gives. */
export type DraftedField =
  | 'type'
  | 'time'
  | 'timePrecision'
  | 'lon'
  | 'lat'
  | 'locationPrecision'
  | 'place'
  | 'narrative'
  | 'casualties'
  | 'grading'
  | 'exercise';

export interface IncidentDraft extends Pick<Incident, DraftedField> {
  format: ImportFormat;
  /** 1-based line where the row starts (CSV, KML); 0 for GeoJSON, which has no useful lines. */
  line: number;
  /** 0-based index of the GeoJSON feature or KML placemark; absent for CSV. */
  index?: number;
  /** The record's identifier in its source (UCDP `id`, ACLED `event_id_cnty`, `source_id` or `id`). */
  sourceId: string;
  /** Killed who are neither counted as civilians nor attributable to a Seam organisation (see each importer). */
  otherKilled: number;
  fatalities: Fatalities | null;
  /** The CSV row by column name, when asked for with `keepRaw`. */
  raw?: Record<string, string>;
}

export interface RowError {
  /** 1-based line where the row starts (CSV, KML); 0 when unknown (GeoJSON). */
  line: number;
  /** 0-based index of the GeoJSON feature or KML placemark. */
  index?: number;
  /** Human form of the position: `line 12`, `feature 12`, `placemark 3 (line 40)`. */
  where: string;
  /** The column, property or KML element at fault, in the file's own names. */
  field?: string;
  reason: string;
  /** The whole file is unreadable from here on; nothing after this error was imported. */
  fatal?: boolean;
}

export type RowResult = { ok: IncidentDraft } | { error: RowError };

export interface ImportResult {
  drafts: IncidentDraft[];
  errors: RowError[];
  /** True when an error is fatal: the file could not be read to its end. */
  fatal: boolean;
}

/** `line 12: event_date: expected …`. */
export function formatRowError(e: RowError): string {
  return `${e.where}: ${e.field ? `${e.field}: ` : ''}${e.reason}`;
}

/** Gathers every result of an import into drafts and errors. */
export function collectRows(rows: Iterable<RowResult>): ImportResult {
  const result: ImportResult = { drafts: [], errors: [], fatal: false };
  for (const row of rows) add(result, row);
  return result;
}

/** Like {@link collectRows}, for an asynchronous import. */
export async function collectRowsAsync(rows: AsyncIterable<RowResult>): Promise<ImportResult> {
  const result: ImportResult = { drafts: [], errors: [], fatal: false };
  for await (const row of rows) add(result, row);
  return result;
}

function add(result: ImportResult, row: RowResult): void {
  if ('ok' in row) result.drafts.push(row.ok);
  else {
    result.errors.push(row.error);
    if (row.error.fatal) result.fatal = true;
  }
}

/** The validation error refusing a whole import: its message names the first errors, its issues all of them. */
export function importRefused(errors: readonly RowError[], shown = 5): SeamError {
  const head = errors.slice(0, shown).map(formatRowError).join('; ');
  const more = errors.length > shown ? ` (and ${errors.length - shown} more)` : '';
  const noun = errors.length === 1 ? 'error' : 'errors';
  return new SeamError(
    'validation',
    `import refused, ${errors.length} ${noun}: ${head}${more}`,
    errors.map((e) => ({ field: e.field ? `${e.where}: ${e.field}` : e.where, reason: e.reason })),
  );
}
