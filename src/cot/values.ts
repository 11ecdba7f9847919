/**
 * Values shared by both encodings: CoT times, numbers written without an exponent, and the one
 * check an event passes before it is read or written, so XML and protobuf accept the same events.
 */
import { invalidCot } from './cot-error.ts';
import type { CotEvent } from './event.ts';

/** 9999-12-31T23:59:59.999Z: the last time an ISO string with a four-digit year can name. */
const lastTime = 253402300799999;

const isoTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;
/** A time as toISOString writes it: the model's normal form. */
const normalTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

const daysIn = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Whether the parts name a real instant (Date.UTC would roll 31 April over to 1 May). */
function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

/** Whether text is a time in the model's normal form, 1970…9999 (checked without making a Date). */
export function isNormalCotTime(text: string): boolean {
  const m = normalTime.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  return y >= 1970 && validParts(y, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * A CoT time as UTC ISO-8601 with milliseconds. Accepts what clients send: any number of
 * fraction digits (cut to milliseconds), `Z`, an offset, or no zone (read as UTC).
 */
export function parseCotTime(text: string, field: string): string {
  // Most clients write the normal form already.
  if (isNormalCotTime(text)) return text;
  const m = isoTime.exec(text);
  if (!m) throw invalidCot(field, `"${text.slice(0, 40)}" is not an ISO-8601 time`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (!validParts(y, mo, d, h, mi, s)) throw invalidCot(field, `"${text}" is not a valid time`);
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    t -= sign * minutes * 60_000;
  }
  return msToCotTime(t, field);
}

/** Milliseconds since the epoch as a CoT time; 1970 to 9999 only. */
export function msToCotTime(ms: number, field: string): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > lastTime) {
    throw invalidCot(field, 'time outside 1970-01-01…9999-12-31');
  }
  return new Date(ms).toISOString();
}

/** A CoT time (already normal) in milliseconds since the epoch. */
export function cotTimeToMs(time: string): number {
  return Date.parse(time);
}

/**
 * A finite number as a plain decimal (no exponent), which CoT readers of every kind parse, and
 * which reads back as the same double: the shortest round-trip digits, with the point moved.
 */
export function formatNumber(n: number): string {
  const s = String(n === 0 ? 0 : n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s[0] === '-';
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  // Where the decimal point falls, counted from the start of `digits`.
  const at = (point < 0 ? mantissa.length : point) + exponent;
  let out: string;
  if (at <= 0) out = `0.${'0'.repeat(-at)}${digits}`;
  else if (at >= digits.length) out = digits + '0'.repeat(at - digits.length);
  else out = `${digits.slice(0, at)}.${digits.slice(at)}`;
  return negative ? `-${out}` : out;
}

/** A decimal number as CoT writes one; no exponent, hex, infinity or blank. */
const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number attribute read strictly (Number('') is 0, Number('0x10') is 16: neither is CoT). */
export function parseCotNumber(text: string, field: string): number {
  const t = text.trim();
  if (!decimal.test(t)) throw invalidCot(field, `"${text.slice(0, 40)}" is not a number`);
  const n = Number(t);
  if (!Number.isFinite(n)) throw invalidCot(field, `"${text.slice(0, 40)}" is out of range`);
  return n === 0 ? 0 : n;
}

/** Whether text is a number {@link parseCotNumber} accepts. */
export function isCotNumber(text: string): boolean {
  const t = text.trim();
  return decimal.test(t) && Number.isFinite(Number(t));
}

const maxUint32 = 0xffffffff;

/** Refuses an event whose identity, times or point a reader cannot use. */
export function checkCotEvent(e: CotEvent): void {
  if (!e.uid) throw invalidCot('uid', 'required');
  if (!e.type) throw invalidCot('type', 'required');
  for (const field of ['time', 'start', 'stale'] as const) {
    // Normal form only (what toISOString writes), so a time can go into XML as it is.
    if (!isNormalCotTime(e[field])) {
      throw invalidCot(field, 'not a UTC ISO-8601 time with milliseconds in 1970…9999');
    }
  }
  const { lat, lon, hae, ce, le } = e.point;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) throw invalidCot('point.lat', 'must be within −90…90');
  if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) throw invalidCot('point.lon', 'must be within −180…180');
  if (!Number.isFinite(hae)) throw invalidCot('point.hae', 'must be a finite number');
  if (!(Number.isFinite(ce) && ce >= 0)) throw invalidCot('point.ce', 'must be a number ≥ 0');
  if (!(Number.isFinite(le) && le >= 0)) throw invalidCot('point.le', 'must be a number ≥ 0');
  const d = e.detail;
  if (d.track && !(Number.isFinite(d.track.speed) && Number.isFinite(d.track.course))) {
    throw invalidCot('detail.track', 'speed and course must be finite numbers');
  }
  if (d.status && !(Number.isInteger(d.status.battery) && d.status.battery >= 0 && d.status.battery <= maxUint32)) {
    throw invalidCot('detail.status.battery', 'must be an integer 0…4294967295');
  }
}

/** Whether text is an unsigned 32-bit integer written in decimal. */
export function isUint32Text(text: string): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) <= maxUint32;
}
