/**
 * Field parsers shared by the importers. Each takes the file's text (or JSON value) and the name of
 * the field in the file's own terms, and returns the Seam value or throws {@link FieldError}, which
 * the importer turns into a row error naming the row and that field. FieldError never leaves
 * `src/io`.
 */
import { SeamError } from '../domain/errors.ts';
import { type Grading, parseGrading } from '../domain/grading.ts';
import {
  type Casualties,
  type LocationPrecision,
  locationPrecisions,
  maxNarrativeLength,
  type TimePrecision,
  timePrecisions,
} from '../domain/incident.ts';
import { casualtiesSchema } from '../domain/incident-input.ts';
import { type IncidentType, isIncidentType } from '../domain/taxonomy.ts';

export class FieldError extends Error {
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'FieldError';
    this.field = field;
    this.reason = reason;
  }
}

/** Same limits as the API (`incident-input.ts`). */
export const maxPlaceLength = 200;
export const maxSourceIdLength = 200;
export const maxCount = 100_000;

/** Quotes a value for an error message, shortened so a huge cell cannot flood the report. */
export function shown(value: string, max = 60): string {
  const cut = value.length > max ? `${cutAt(value, max)}…` : value;
  return JSON.stringify(cut);
}

/** The first `max` UTF-16 units of `s`, never splitting a surrogate pair. */
export function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number written out in text. */
export function parseDecimal(value: string, field: string): number {
  const t = value.trim();
  if (t === '') throw new FieldError(field, 'missing');
  if (!decimal.test(t)) throw new FieldError(field, `expected a decimal number, got ${shown(value)}`);
  return Number(t);
}

/** A longitude (-180..180) from text or a JSON number. */
export function parseLon(value: string | number, field: string): number {
  return inRange(typeof value === 'number' ? value : parseDecimal(value, field), -180, 180, field, 'longitude');
}

/** A latitude (-90..90) from text or a JSON number. */
export function parseLat(value: string | number, field: string): number {
  return inRange(typeof value === 'number' ? value : parseDecimal(value, field), -90, 90, field, 'latitude');
}

function inRange(n: number, min: number, max: number, field: string, what: string): number {
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new FieldError(field, `${what} ${n} is outside ${min}..${max}`);
  }
  return n;
}

/** A code looked up in a format's table (`where_prec` 1–7, ACLED `geo_precision` 1–3). */
export function parseCode<T>(table: Readonly<Record<string, T>>, value: string, field: string): T {
  const t = value.trim();
  if (Object.hasOwn(table, t)) return table[t];
  throw new FieldError(field, `expected one of ${Object.keys(table).join(', ')}, got ${shown(value)}`);
}

/** A whole count 0..max; an empty cell counts as 0. */
export function parseCount(value: string, field: string, max = maxCount): number {
  const t = value.trim();
  if (t === '') return 0;
  if (!/^\d+$/.test(t)) throw new FieldError(field, `expected a whole number, got ${shown(value)}`);
  const n = Number(t);
  if (n > max) throw new FieldError(field, `${t} is more than ${max}`);
  return n;
}

function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1 ? date.getTime() : null;
}

/** A calendar date `YYYY-MM-DD` (a following time of day is ignored) as midnight UTC, in ISO form. */
export function parseIsoDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(value.trim());
  const ms = m ? utcMs(+m[1], +m[2], +m[3]) : null;
  if (ms === null) throw new FieldError(field, `expected a date YYYY-MM-DD, got ${shown(value)}`);
  return new Date(ms).toISOString();
}

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/** An ISO-8601 date-time with a time zone (`Z` or `±hh:mm`), as UTC ISO with milliseconds. */
export function parseIsoDateTime(value: string, field: string): string {
  const m = isoDateTime.exec(value.trim());
  const ms = m
    ? utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), Math.floor(+(m[7] ?? '0').padEnd(3, '0').slice(0, 3)))
    : null;
  if (!m || ms === null || +m[10] > 23 || +m[11] > 59) {
    throw new FieldError(field, `expected an ISO-8601 date-time with a time zone, got ${shown(value)}`);
  }
  const offsetMin = m[9] ? (m[9] === '-' ? -1 : 1) * (+m[10] * 60 + +m[11]) : 0;
  const iso = new Date(ms - offsetMin * 60_000).toISOString();
  // An offset can push year 0000 or 9999 out of the four-digit form.
  if (!/^\d{4}-/.test(iso)) throw new FieldError(field, `${shown(value)} falls outside the years 0000-9999`);
  return iso;
}

/** An incident type code. */
export function parseType(value: string, field: string): IncidentType {
  const t = value.trim();
  if (t === '') throw new FieldError(field, 'missing');
  if (!isIncidentType(t)) throw new FieldError(field, `unknown incident type ${shown(t)}`);
  return t;
}

/** One of the Seam time precisions. */
export function parseTimePrecision(value: string, field: string): TimePrecision {
  const t = value.trim();
  if ((timePrecisions as readonly string[]).includes(t)) return t as TimePrecision;
  throw new FieldError(field, `expected one of ${timePrecisions.join(', ')}, got ${shown(value)}`);
}

/** One of the Seam location precisions. */
export function parseLocationPrecision(value: string, field: string): LocationPrecision {
  const t = value.trim();
  if ((locationPrecisions as readonly string[]).includes(t)) return t as LocationPrecision;
  throw new FieldError(field, `expected one of ${locationPrecisions.join(', ')}, got ${shown(value)}`);
}

/** An Admiralty code such as `B2`; empty means ungraded. */
export function parseGradingText(value: string, field: string): Grading | null {
  if (value.trim() === '') return null;
  try {
    return parseGrading(value, field);
  } catch (e) {
    if (e instanceof SeamError) throw new FieldError(field, e.issues[0]?.reason ?? e.message);
    throw e;
  }
}

/**
 * A place name, trimmed; empty is null. Too long a name is refused, or with `cut` shortened to the
 * limit with an ellipsis (for sources whose narrative keeps the full text).
 */
export function parsePlace(value: string, field: string, cut = false): string | null {
  const t = value.trim();
  if (t === '') return null;
  if (t.length <= maxPlaceLength) return t;
  if (cut) return `${cutAt(t, maxPlaceLength - 1)}…`;
  throw new FieldError(field, `longer than ${maxPlaceLength} characters`);
}

/** A narrative within {@link maxNarrativeLength}. */
export function checkNarrative(value: string, field: string): string {
  if (value.length > maxNarrativeLength) {
    throw new FieldError(field, `longer than ${maxNarrativeLength} characters (${value.length})`);
  }
  return value;
}

/** A source identifier: non-empty, trimmed, bounded. */
export function parseSourceId(value: string, field: string): string {
  const t = value.trim();
  if (t === '') throw new FieldError(field, 'missing');
  if (t.length > maxSourceIdLength) throw new FieldError(field, `longer than ${maxSourceIdLength} characters`);
  return t;
}

/** The wire form of casualties (`{forces:[{org,killed,wounded,abducted}], civilians:{…}}`), checked like the API. */
export function parseCasualties(value: unknown, field: string): Casualties {
  const parsed = casualtiesSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new FieldError(`${field}${path}`, issue.message);
}
