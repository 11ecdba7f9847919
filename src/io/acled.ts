/**
 * ACLED CSV in the 31-column layout used since March 2023, both ways.
 *
 * Import, row by row (ACLED codebook):
 * - sourceId ← `event_id_cnty`.
 * - type ← (`event_type`, `sub_event_type`): the Seam type with that ACLED pair, the plain ACLED one
 *   rather than a centre's own (Battles/Armed clash → armed_clash, never checkpoint_attack). Names
 *   compare case- and space-insensitively, and "protestors" reads as "protesters". A tag
 *   `seam-type=<code>` (written by the export below) restores a centre's own type when its pair
 *   agrees with the columns; the columns win otherwise. An unknown event type is refused naming
 *   `event_type`; a known one with an unknown sub-event type naming `sub_event_type`.
 * - time ← `event_date`, `YYYY-MM-DD` or `D Month YYYY` (also `D-Month-YYYY`, month abbreviated or
 *   not), midnight UTC. Numeric day-month orders (`01/02/2023`) are refused as ambiguous.
 * - timePrecision ← `time_precision`: 1 exact date → day; 2 within a week or weekend → week;
 *   3 only the month → month. ACLED codes such a date mid-period; Seam keeps the date ACLED gave.
 * - locationPrecision ← `geo_precision`: 1 the town named → exact; 2 near a town or part of a region
 *   → near_place; 3 only a larger region (its provincial capital or a natural location) → district.
 * - lon/lat ← `longitude`/`latitude`; place ← `location`; narrative ← `notes`.
 * - casualties: when `civilian_targeting` is set, `fatalities` → civilians.killed; otherwise ACLED
 *   does not say who died, so `fatalities` → otherKilled and a line `ACLED fatalities: N (not
 *   attributed)` ends the narrative. fatalities ← {best: N, low: null, high: null}.
 * - grading ← tag `seam-grading=B2` if present, else none. exercise ← tag `seam-exercise`.
 * - `location`, `notes` and `tags` may be absent (see {@link acledRequiredColumns}); an HXL hashtag
 *   row under the header, as in HDX downloads, is skipped.
 *
 * Export ({@link toAcledRow}) writes the same 31 columns from an incident's wire form; see there.
 */
import { casualtyTotals, type LocationPrecision, type TimePrecision } from '../domain/incident.ts';
import {
  type AcledEventType,
  acledEventTypes,
  type IncidentType,
  incidentTypeCodes,
  incidentTypes,
  isIncidentType,
} from '../domain/taxonomy.ts';
import type { CsvAsyncInput, CsvInput, CsvWriteOptions } from './csv.ts';
import { formatCsvRow } from './csv.ts';
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
  parseGradingText,
  parseIsoDate,
  parseLat,
  parseLon,
  parsePlace,
  parseSourceId,
  shown,
} from './draft-fields.ts';
import type { RowResult } from './incident-draft.ts';
import type { IncidentWire } from './incident-wire.ts';

export const acledColumns = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof acledColumns)[number];

/**
 * The columns no incident can be built without; `civilian_targeting` among them, since without it
 * ACLED's fatalities cannot be told apart into civilians and others.
 */
export const acledRequiredColumns = [
  'event_id_cnty',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'civilian_targeting',
  'latitude',
  'longitude',
  'geo_precision',
  'fatalities',
] as const;

/** Descriptive columns read when present. */
export const acledOptionalColumns = ['location', 'notes', 'tags'] as const;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ').replaceAll('protestors', 'protesters');

const eventTypeByName = new Map<string, AcledEventType>(
  (Object.keys(acledEventTypes) as AcledEventType[]).map((t) => [norm(t), t]),
);

/** (event type, sub-event type) → Seam type; ACLED's own codes first, so a centre's type never shadows them. */
const typeByPair = new Map<string, IncidentType>();
for (const jcc of [false, true]) {
  for (const code of incidentTypeCodes) {
    const t = incidentTypes[code];
    const key = `${norm(t.acledEventType)}|${norm(t.acledSubEventType)}`;
    if (t.jcc === jcc && !typeByPair.has(key)) typeByPair.set(key, code);
  }
}

const timePrecisions: Record<string, TimePrecision> = { 1: 'day', 2: 'week', 3: 'month' };
const geoPrecisions: Record<string, LocationPrecision> = { 1: 'exact', 2: 'near_place', 3: 'district' };

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(name: string): number | null {
  const n = name.toLowerCase();
  const i = monthNames.indexOf(n);
  if (i >= 0) return i + 1;
  const j = months.indexOf(n === 'sept' ? 'sep' : n);
  return j >= 0 ? j + 1 : null;
}

/** An ACLED event date: `2023-01-15`, `15 January 2023`, `15-Jan-2023`. */
export function parseAcledDate(value: string, field = 'event_date'): string {
  const m = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$/.exec(value.trim());
  if (!m) return parseIsoDate(value, field);
  const month = monthNumber(m[2]);
  const iso = month === null ? null : `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  if (iso === null) throw new FieldError(field, `unknown month ${shown(m[2])}`);
  return parseIsoDate(iso, field);
}

function acledType(row: CsvRow, seamType: string | undefined): IncidentType {
  const eventType = eventTypeByName.get(norm(row.get('event_type')));
  if (!eventType) {
    const known = Object.keys(acledEventTypes).join(', ');
    throw new FieldError('event_type', `unknown ACLED event type ${shown(row.get('event_type'))} (known: ${known})`);
  }
  const type = typeByPair.get(`${norm(eventType)}|${norm(row.get('sub_event_type'))}`);
  if (!type) {
    throw new FieldError(
      'sub_event_type',
      `unknown sub-event type ${shown(row.get('sub_event_type'))} for ${eventType} (known: ${acledEventTypes[eventType].join(', ')})`,
    );
  }
  if (seamType && isIncidentType(seamType)) {
    const own = incidentTypes[seamType];
    const ours = incidentTypes[type];
    if (own.acledEventType === ours.acledEventType && own.acledSubEventType === ours.acledSubEventType) return seamType;
  }
  return type;
}

/** `key=value; flag` tags into a map (a flag maps to ''). */
function parseTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const t = part.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    if (eq < 0) tags.set(t.toLowerCase(), '');
    else tags.set(t.slice(0, eq).trim().toLowerCase(), t.slice(eq + 1).trim());
  }
  return tags;
}

function decodeAcled(row: CsvRow): DecodedRow {
  const sourceId = parseSourceId(row.get('event_id_cnty'), 'event_id_cnty');
  const tags = parseTags(row.get('tags'));
  const type = acledType(row, tags.get('seam-type'));
  const time = parseAcledDate(row.get('event_date'));
  const timePrecision = row.code(timePrecisions, 'time_precision');
  const lat = parseLat(row.get('latitude'), 'latitude');
  const lon = parseLon(row.get('longitude'), 'longitude');
  const locationPrecision = row.code(geoPrecisions, 'geo_precision');
  const place = parsePlace(row.get('location'), 'location');
  const civilianTargeting = row.get('civilian_targeting').trim() !== '';
  const fatalities = parseCount(row.get('fatalities'), 'fatalities', civilianTargeting ? maxCount : 100_000_000);
  const notes = row.get('notes').trim();
  const narrative = checkNarrative(
    civilianTargeting || fatalities === 0
      ? notes
      : `${notes}${notes ? '\n' : ''}ACLED fatalities: ${fatalities} (not attributed).`,
    'notes',
  );
  const grading = parseGradingText(tags.get('seam-grading') ?? '', 'tags');
  return {
    sourceId,
    type,
    time,
    timePrecision,
    lon,
    lat,
    locationPrecision,
    place,
    narrative,
    casualties: { forces: [], civilians: { killed: civilianTargeting ? fatalities : 0, wounded: 0, abducted: 0 } },
    otherKilled: civilianTargeting ? 0 : fatalities,
    fatalities: { best: fatalities, low: null, high: null },
    grading,
    exercise: tags.has('seam-exercise'),
  };
}

export const acledFormat: CsvIncidentFormat = {
  format: 'acled',
  title: 'ACLED',
  required: acledRequiredColumns,
  optional: acledOptionalColumns,
  decode: decodeAcled,
};

/** Imports an ACLED CSV: one result per event row. */
export function importAcled(input: CsvInput, options?: CsvImportOptions): Generator<RowResult> {
  return importCsvIncidents(input, acledFormat, options);
}

/** Imports an ACLED CSV from a stream of chunks. */
export function importAcledAsync(input: CsvAsyncInput, options?: CsvImportOptions): AsyncGenerator<RowResult> {
  return importCsvIncidentsAsync(input, acledFormat, options);
}

/** ACLED's disorder type of an event type (Excessive force and Mob violence count as both). */
export function acledDisorderType(eventType: AcledEventType, subEventType: string): string {
  if (subEventType === 'Excessive force against protesters' || subEventType === 'Mob violence') {
    return 'Political violence; Demonstrations';
  }
  if (eventType === 'Protests' || eventType === 'Riots') return 'Demonstrations';
  if (eventType === 'Strategic developments') return 'Strategic developments';
  return 'Political violence';
}

const toTimePrecision: Record<TimePrecision, number> = { day: 1, days: 2, week: 2, month: 3, year: 3 };
const toGeoPrecision: Record<LocationPrecision, number> = { exact: 1, near_place: 2, district: 3, governorate: 3 };

/**
 * One ACLED row for an incident's wire form:
 * - event_id_cnty: the ACLED id when the incident came from ACLED, else the Seam id;
 * - event_date/year/timestamp from `time` and `updated_at` (UTC); time_precision day 1, days and
 *   week 2, month and year 3; geo_precision exact 1, near_place 2, district and governorate 3;
 * - disorder/event/sub-event type from the taxonomy; civilian_targeting set for Violence against civilians;
 * - actors, inter codes, iso, region, country, admin3, source_scale left empty (Seam keeps no actor
 *   names); admin1/admin2 from `governorate`/`district` when enrichment added them;
 * - fatalities = everyone killed, forces and civilians; notes = narrative;
 * - tags: `seam-exercise` for exercise data, `seam-type=<code>` and `seam-grading=<code>`, which
 *   the importer reads back.
 */
export function toAcledRow(w: IncidentWire): Record<AcledColumn, string | number> {
  const t = incidentTypes[w.type];
  const time = new Date(w.time);
  const updated = Date.parse(w.updated_at);
  const tags = [w.exercise ? 'seam-exercise' : '', `seam-type=${w.type}`, w.grading ? `seam-grading=${w.grading}` : ''];
  return {
    event_id_cnty: w.source === 'acled' && w.source_id ? w.source_id : w.id,
    event_date: Number.isNaN(time.getTime()) ? '' : time.toISOString().slice(0, 10),
    year: Number.isNaN(time.getTime()) ? '' : time.getUTCFullYear(),
    time_precision: toTimePrecision[w.time_precision],
    disorder_type: acledDisorderType(t.acledEventType, t.acledSubEventType),
    event_type: t.acledEventType,
    sub_event_type: t.acledSubEventType,
    actor1: '',
    assoc_actor_1: '',
    inter1: '',
    actor2: '',
    assoc_actor_2: '',
    inter2: '',
    interaction: '',
    civilian_targeting: t.acledEventType === 'Violence against civilians' ? 'Civilian targeting' : '',
    iso: '',
    region: '',
    country: '',
    admin1: w.governorate ?? '',
    admin2: w.district ?? '',
    admin3: '',
    location: w.place ?? '',
    latitude: w.lat,
    longitude: w.lon,
    geo_precision: toGeoPrecision[w.location_precision],
    source: w.source === 'seam' ? `Seam (${w.owner_org})` : `${w.source} via Seam (${w.owner_org})`,
    source_scale: '',
    notes: w.narrative,
    fatalities: casualtyTotals(w.casualties).killed,
    tags: tags.filter(Boolean).join('; '),
    timestamp: Number.isNaN(updated) ? '' : Math.floor(updated / 1000),
  };
}

/** An ACLED CSV, header first, one string per line: formula-like text is neutralised unless told otherwise. */
export function* formatAcledCsv(incidents: Iterable<IncidentWire>, options?: CsvWriteOptions): Generator<string> {
  yield (options?.byteOrderMark ? '\uFEFF' : '') + formatCsvRow(acledColumns, options);
  for (const w of incidents) {
    const row = toAcledRow(w);
    yield formatCsvRow(
      acledColumns.map((c) => row[c]),
      options,
    );
  }
}
