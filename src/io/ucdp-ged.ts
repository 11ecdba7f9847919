/**
 * UCDP Georeferenced Event Dataset (GED), global or candidate release, CSV as published.
 *
 * Mapping, row by row (UCDP GED codebook):
 * - sourceId ← `id`.
 * - type ← `type_of_violence`: 1 state-based and 2 non-state → `armed_clash`; 3 one-sided →
 *   `attack_on_civilians`. Anything else is refused.
 * - time ← `date_start` (midnight UTC; a time of day after the date is ignored, GED has none).
 *   `date_end` is not used: the precision below says how wide the window is.
 * - timePrecision ← `date_prec`: 1 exact day → day; 2 within 2–6 days → days; 3 week → week;
 *   4 8–30 days or month → month; 5 longer or year → year.
 * - locationPrecision ← `where_prec`: 1 exact → exact; 2 within 25 km → near_place;
 *   3 second-order admin unit (ADM2 centroid) → district; 4 first-order unit (ADM1 centroid) →
 *   governorate; 5 (a linear feature or an area larger than ADM1), 6 (country only) and 7
 *   (international waters or airspace) → governorate, the coarsest Seam has, and the narrative says
 *   `UCDP where_prec N` so the loss of precision stays visible.
 * - lon/lat ← `longitude`/`latitude` (range-checked).
 * - place ← `where_description`, cut to 200 characters (the narrative keeps it whole); where the
 *   file has no description (HDX editions lack the column), `where_coordinates`, the name of the
 *   place whose coordinates the event got.
 * - casualties: `deaths_civilians` → civilians.killed; forces empty (UCDP sides are not Seam
 *   organisations). `deaths_a + deaths_b + deaths_unknown` → otherKilled, and the narrative
 *   carries one line with each side's name and deaths so nothing is lost.
 * - fatalities ← `best`, `low`, `high` (low and high null when the file lacks those columns).
 * - narrative ← `source_headline`, then `Where: where_description`, then the deaths line.
 * - grading: none (UCDP does not grade its sources the Admiralty way; an analyst does).
 * - Required and optional columns: see {@link ucdpGedRequiredColumns}; an absent optional column
 *   reads as empty. An HXL hashtag row under the header is skipped; empty count cells count as 0.
 */
import type { LocationPrecision, TimePrecision } from '../domain/incident.ts';
import type { IncidentType } from '../domain/taxonomy.ts';
import type { CsvAsyncInput, CsvInput } from './csv.ts';
import {
  type CsvImportOptions,
  type CsvIncidentFormat,
  type CsvRow,
  type DecodedRow,
  importCsvIncidents,
  importCsvIncidentsAsync,
} from './csv-incident-import.ts';
import {
  checkNarrative,
  FieldError,
  maxCount,
  parseCount,
  parseIsoDate,
  parseLat,
  parseLon,
  parsePlace,
  parseSourceId,
} from './draft-fields.ts';
import type { RowResult } from './incident-draft.ts';

/** Every column of the published GED CSV, in order. */
export const ucdpGedColumns = [
  'id',
  'relid',
  'year',
  'active_year',
  'code_status',
  'type_of_violence',
  'conflict_dset_id',
  'conflict_new_id',
  'conflict_name',
  'dyad_dset_id',
  'dyad_new_id',
  'dyad_name',
  'side_a_dset_id',
  'side_a_new_id',
  'side_a',
  'side_b_dset_id',
  'side_b_new_id',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'source_original',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'priogrid_gid',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'gwnoa',
  'gwnob',
] as const;

/**
 * The columns no incident can be built without: its identity, type, time and precision, place and
 * precision, and every death count (civilian harm is recorded on every incident, so a file that
 * cannot say how many civilians died is refused rather than read as none). Every other column may
 * be absent, as in the editions HDX distributes, which lack `where_description`.
 */
export const ucdpGedRequiredColumns = [
  'id',
  'type_of_violence',
  'where_prec',
  'latitude',
  'longitude',
  'date_prec',
  'date_start',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
] as const;

/** Descriptive columns read when present: names, headline, place, and the low/high range of `best`. */
export const ucdpGedOptionalColumns = [
  'side_a',
  'side_b',
  'source_headline',
  'where_description',
  'where_coordinates',
  'low',
  'high',
] as const;

const violenceTypes: Record<string, { type: IncidentType; label: string }> = {
  '1': { type: 'armed_clash', label: 'state-based' },
  '2': { type: 'armed_clash', label: 'non-state' },
  '3': { type: 'attack_on_civilians', label: 'one-sided' },
};

const datePrecisions: Record<string, TimePrecision> = { 1: 'day', 2: 'days', 3: 'week', 4: 'month', 5: 'year' };

const wherePrecisions: Record<string, LocationPrecision> = {
  1: 'exact',
  2: 'near_place',
  3: 'district',
  4: 'governorate',
  5: 'governorate',
  6: 'governorate',
  7: 'governorate',
};

/** UCDP `where_prec` for a Seam location precision (1 exact … 4 first-order admin unit). */
export function toUcdpWherePrec(precision: LocationPrecision): 1 | 2 | 3 | 4 {
  return ({ exact: 1, near_place: 2, district: 3, governorate: 4 } as const)[precision];
}

/** UCDP `date_prec` for a Seam time precision (1 day … 5 year). */
export function toUcdpDatePrec(precision: TimePrecision): 1 | 2 | 3 | 4 | 5 {
  return ({ day: 1, days: 2, week: 3, month: 4, year: 5 } as const)[precision];
}

/** ` (low 8, high 10)`, or what the file has of it. */
function range(low: number | null, high: number | null): string {
  const known = [low === null ? '' : `low ${low}`, high === null ? '' : `high ${high}`].filter(Boolean);
  return known.length ? ` (${known.join(', ')})` : '';
}

function decodeUcdpGed(row: CsvRow): DecodedRow {
  const sourceId = parseSourceId(row.get('id'), 'id');
  const violence = row.code(violenceTypes, 'type_of_violence');
  const time = parseIsoDate(row.get('date_start'), 'date_start');
  const timePrecision = row.code(datePrecisions, 'date_prec');
  const wherePrec = row.get('where_prec').trim();
  const locationPrecision = row.code(wherePrecisions, 'where_prec');
  const lat = parseLat(row.get('latitude'), 'latitude');
  const lon = parseLon(row.get('longitude'), 'longitude');
  // Without a description (HDX editions have none), the name of the place the coordinates belong to.
  const whereField = row.get('where_description').trim() ? 'where_description' : 'where_coordinates';
  const whereText = row.get(whereField).trim();
  const place = parsePlace(whereText, whereField, true);
  const big = 100_000_000;
  const deathsA = parseCount(row.get('deaths_a'), 'deaths_a', big);
  const deathsB = parseCount(row.get('deaths_b'), 'deaths_b', big);
  const civilians = parseCount(row.get('deaths_civilians'), 'deaths_civilians', maxCount);
  const unknown = parseCount(row.get('deaths_unknown'), 'deaths_unknown', big);
  const best = parseCount(row.get('best'), 'best', big);
  const low = row.has('low') ? parseCount(row.get('low'), 'low', big) : null;
  const high = row.has('high') ? parseCount(row.get('high'), 'high', big) : null;
  const otherKilled = deathsA + deathsB + unknown;
  if (otherKilled > big) throw new FieldError('deaths_unknown', 'deaths add up to an implausible total');

  const sideA = row.get('side_a').trim() || 'side A';
  const sideB = row.get('side_b').trim() || 'side B';
  const lines: string[] = [];
  const headline = row.get('source_headline').trim();
  if (headline) lines.push(headline);
  if (whereText) lines.push(`Where: ${whereText}`);
  if (Number(wherePrec) >= 5) lines.push(`Location only known to UCDP where_prec ${wherePrec}.`);
  lines.push(
    `UCDP GED ${violence.label} violence. Deaths: ${sideA} ${deathsA}, ${sideB} ${deathsB}, ` +
      `civilians ${civilians}, unknown ${unknown}; best estimate ${best}${range(low, high)}.`,
  );
  const narrative = checkNarrative(lines.join('\n'), 'source_headline');

  return {
    sourceId,
    type: violence.type,
    time,
    timePrecision,
    lon,
    lat,
    locationPrecision,
    place,
    narrative,
    casualties: { forces: [], civilians: { killed: civilians, wounded: 0, abducted: 0 } },
    otherKilled,
    fatalities: { best, low, high },
    grading: null,
    exercise: false,
  };
}

export const ucdpGedFormat: CsvIncidentFormat = {
  format: 'ucdp-ged',
  title: 'UCDP GED',
  required: ucdpGedRequiredColumns,
  optional: ucdpGedOptionalColumns,
  decode: decodeUcdpGed,
};

/** Imports a UCDP GED CSV: one result per event row. */
export function importUcdpGed(input: CsvInput, options?: CsvImportOptions): Generator<RowResult> {
  return importCsvIncidents(input, ucdpGedFormat, options);
}

/** Imports a UCDP GED CSV from a stream of chunks. */
export function importUcdpGedAsync(input: CsvAsyncInput, options?: CsvImportOptions): AsyncGenerator<RowResult> {
  return importCsvIncidentsAsync(input, ucdpGedFormat, options);
}
