import { invalid } from '../domain/errors.ts';
import type { PatrolSchedule } from '../domain/presence.ts';

/** A time window of the analysis, UTC ISO-8601; `from` = `to` asks about one instant. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** When a presence record is active: its active period and, for a patrol, an optional daily schedule (UTC). */
export interface ActivePeriod {
  activeFrom: string;
  activeTo: string | null;
  schedule?: PatrolSchedule | null;
}

/** A half-open interval [start, end) in epoch milliseconds. */
export type Interval = [number, number];

const dayMs = 86_400_000;

/** Epoch milliseconds of an ISO-8601 time, or a validation error naming the field. */
export function parseTime(iso: string, field: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(field, `must be an ISO-8601 time, got ${JSON.stringify(iso)}`);
  return ms;
}

/** The window in epoch milliseconds, refusing a window that ends before it starts. */
export function windowMs(window: TimeWindow): Interval {
  const from = parseTime(window.from, 'window.from');
  const to = parseTime(window.to, 'window.to');
  if (to < from) throw invalid('window.to', 'must not be before window.from');
  return [from, to];
}

/** Minutes after midnight of 'HH:MM' (00:00–24:00), or a validation error. */
function minutesOf(hhmm: string, field: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw invalid(field, `must be HH:MM, got ${JSON.stringify(hhmm)}`);
  return minutes;
}

/** Checks a patrol schedule: ISO weekdays 1–7 and HH:MM times. */
export function checkSchedule(schedule: PatrolSchedule, field: string): void {
  if (!Array.isArray(schedule.days) || schedule.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw invalid(`${field}.days`, 'must list ISO weekdays 1 (Monday) to 7 (Sunday)');
  minutesOf(schedule.start, `${field}.start`);
  minutesOf(schedule.end, `${field}.end`);
}

/**
 * The daily slots of a schedule overlapping [from, to). A slot whose end is not after its start runs past midnight
 * and belongs to the weekday it starts on.
 */
function scheduleSlots(schedule: PatrolSchedule, from: number, to: number): Interval[] {
  const start = minutesOf(schedule.start, 'schedule.start') * 60_000;
  let end = minutesOf(schedule.end, 'schedule.end') * 60_000;
  if (end <= start) end += dayMs;
  const days = new Set(schedule.days);
  const out: Interval[] = [];
  for (let d = Math.floor(from / dayMs) - 1; d * dayMs < to; d++) {
    // 1970-01-01 (day 0) was a Thursday, ISO weekday 4.
    const weekday = ((((d + 3) % 7) + 7) % 7) + 1;
    if (!days.has(weekday)) continue;
    const a = Math.max(from, d * dayMs + start);
    const b = Math.min(to, d * dayMs + end);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** The parts of [from, to) in which the record is active, sorted and disjoint (empty when it never is). */
export function activeIntervals(p: ActivePeriod, from: number, to: number): Interval[] {
  const a = Math.max(from, parseTime(p.activeFrom, 'activeFrom'));
  const b = Math.min(to, p.activeTo === null ? Number.POSITIVE_INFINITY : parseTime(p.activeTo, 'activeTo'));
  if (!(b > a)) return [];
  return p.schedule ? scheduleSlots(p.schedule, a, b) : [[a, b]];
}

/** True when the record is active at the instant t (inside its period and, if scheduled, inside a slot). */
export function activeAt(p: ActivePeriod, t: number): boolean {
  return activeIntervals(p, t, t + 1).length > 0;
}

/** Total length in milliseconds of the union of several sorted interval lists. */
export function unionLength(lists: readonly Interval[][]): number {
  const all = lists.flat().sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let total = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of all) {
    if (a > end) {
      if (end > start) total += end - start;
      start = a;
      end = b;
    } else if (b > end) end = b;
  }
  if (end > start) total += end - start;
  return total;
}
