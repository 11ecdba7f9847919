import type { GapReportOptions } from '../../../geo/gap-report.ts';
import { dataDirOption, intOption, type parse, UsageError } from '../../args.ts';
import { sinceOption } from '../audit.ts';

// The command line of `seam gaps`: every option, and how each becomes a window or an analysis option.
const dayMs = 86_400_000;
const units = { d: dayMs, h: 3_600_000, m: 60_000 } as const;

export const gapOptions = {
  ...dataDirOption,
  user: { type: 'string' },
  from: { type: 'string' },
  since: { type: 'string' },
  to: { type: 'string' },
  every: { type: 'string' },
  forecast: { type: 'string' },
  line: { type: 'string' },
  zone: { type: 'string' },
  'zone-km': { type: 'string' },
  presence: { type: 'string' },
  incidents: { type: 'string' },
  aors: { type: 'string' },
  orgs: { type: 'string' },
  'min-share': { type: 'string' },
  'hotspot-resolution': { type: 'string' },
  'hotspot-k': { type: 'string' },
  'hotspot-q': { type: 'string' },
  'no-hotspots': { type: 'boolean' },
  sites: { type: 'string' },
  'site-radius-km': { type: 'string' },
  'half-life-days': { type: 'string' },
  'prefer-corridors': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export type Values = ReturnType<typeof parse<typeof gapOptions>>['values'];

export const fileOptions = ['line', 'zone', 'zone-km', 'presence', 'incidents', 'aors'] as const;
export const reportOnlyOptions = [
  'no-hotspots',
  'hotspot-resolution',
  'hotspot-k',
  'hotspot-q',
  'sites',
  'site-radius-km',
  'half-life-days',
  'prefer-corridors',
] as const;

/** A decimal option within bounds (the lower one excluded when `above`), or a usage error naming it. */
export function numberOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  above = false,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(n)) throw new UsageError(`--${name} must be a number, got "${value}"`);
  if (n > max || (above ? n <= min : n < min))
    throw new UsageError(`--${name} must be ${above ? 'more than' : 'at least'} ${min} and at most ${max}, got ${n}`);
  return n;
}

/** An ISO-8601 time or `7d`/`12h`/`30m` before now, as UTC ISO-8601; a usage error naming the option. */
export function timeOption(name: string, value: string | undefined, now: Date): string | undefined {
  try {
    return sinceOption(value, now);
  } catch (err) {
    if (err instanceof UsageError)
      throw new UsageError(`--${name} must be like 7d, 12h, 30m or an ISO-8601 time, got "${value}"`);
    throw err;
  }
}

/** The window: --from (or --since) and --to; --to defaults to now and --from to 7 days before --to. */
export function windowOf(values: Values, now: Date): { from: string; to: string } {
  if (values.from !== undefined && values.since !== undefined)
    throw new UsageError('--from and --since are the same option: give one');
  const to = timeOption('to', values.to, now) ?? now.toISOString();
  const from =
    timeOption(values.since !== undefined ? 'since' : 'from', values.from ?? values.since, now) ??
    new Date(Date.parse(to) - 7 * dayMs).toISOString();
  if (Date.parse(to) < Date.parse(from)) throw new UsageError(`--to (${to}) is before --from (${from})`);
  return { from, to };
}

export function everyOption(value: string): number {
  const m = /^(\d{1,4})([dhm])$/.exec(value);
  if (!m || Number(m[1]) === 0)
    throw new UsageError(`--every must be a duration such as 1d, 12h or 30m, got "${value}"`);
  return Number(m[1]) * units[m[2] as keyof typeof units];
}

/** The analysis options from the command line. */
export function reportOptions(values: Values, window: { to: string }): GapReportOptions {
  const options: GapReportOptions = {};
  if (values.orgs !== undefined) {
    const orgs = values.orgs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (orgs.length === 0) throw new UsageError('--orgs needs organisation codes, e.g. --orgs isf,peshmerga');
    options.orgs = orgs;
  }
  const minShare = numberOption('min-share', values['min-share'], 0, 1);
  if (minShare !== undefined) options.minShare = minShare;

  const resolution = intOption('hotspot-resolution', values['hotspot-resolution'], 0, 15);
  const k = intOption('hotspot-k', values['hotspot-k'], 1, 5);
  const q = numberOption('hotspot-q', values['hotspot-q'], 0, 0.999999, true);
  if (values['no-hotspots']) {
    const given = (['hotspot-resolution', 'hotspot-k', 'hotspot-q'] as const).find((o) => values[o] !== undefined);
    if (given) throw new UsageError(`--${given} and --no-hotspots do not go together`);
    options.hotspots = false;
  } else {
    options.hotspots = { resolution, k, q };
  }

  const count = intOption('sites', values.sites, 0, 1000) ?? 5;
  const radiusKm = numberOption('site-radius-km', values['site-radius-km'], 0, 100, true);
  const halfLifeDays = numberOption('half-life-days', values['half-life-days'], 0, 36_500, true);
  if (count === 0) {
    const given = (['site-radius-km', 'half-life-days', 'prefer-corridors'] as const).find(
      (o) => values[o] !== undefined,
    );
    if (given) throw new UsageError(`--${given} needs sites to recommend, but --sites is 0`);
    options.recommendations = false;
  } else {
    options.recommendations = {
      count,
      radiusKm,
      halfLifeDays: halfLifeDays ?? null,
      asOf: window.to,
      preferCorridors: values['prefer-corridors'] ?? false,
    };
  }
  return options;
}
