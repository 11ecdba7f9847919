/**
 * Response times of support requests: how long until accepted and until done, summarised per
 * organisation and per JCC by median and 90th percentile. Pure: the caller passes only the
 * requests its reader may see.
 */

/** What a summary needs of one request. */
export interface TimedRequest {
  createdAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
  /** The organisation that accepted it (for a JCC request, the member that did). */
  responderOrg: string | null;
  addressedJcc: string | null;
}

/** A summary of durations in seconds: how many, their median and 90th percentile (null for none). */
export interface DurationSummary {
  count: number;
  median_s: number | null;
  p90_s: number | null;
}

/** The median of ascending values: the middle one, or the mean of the two middle ones. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The nearest-rank percentile of ascending values: the smallest value at or above `p` of them. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * n) - 1)];
}

/** Count, median and 90th percentile of durations in seconds. */
export function summarise(durations: readonly number[]): DurationSummary {
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, median_s: median(sorted), p90_s: percentile(sorted, 0.9) };
}

/** Time to accept and time to complete (both from the request's creation) of one group. */
export interface ResponseTimes {
  requests: number;
  to_accept: DurationSummary;
  to_complete: DurationSummary;
}

function seconds(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function timesOf(group: readonly TimedRequest[]): ResponseTimes {
  return {
    requests: group.length,
    to_accept: summarise(
      group.filter((r) => r.acceptedAt !== null).map((r) => seconds(r.createdAt, r.acceptedAt as string)),
    ),
    to_complete: summarise(
      group.filter((r) => r.completedAt !== null).map((r) => seconds(r.createdAt, r.completedAt as string)),
    ),
  };
}

function grouped(requests: readonly TimedRequest[], key: (r: TimedRequest) => string | null) {
  const groups = new Map<string, TimedRequest[]>();
  for (const r of requests) {
    const k = key(r);
    if (k === null) continue;
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Response times per responding organisation (requests it accepted) and per addressed JCC
 * (requests addressed to it that any member accepted), over the requests given.
 */
export function responseTimes(requests: readonly TimedRequest[]) {
  const accepted = requests.filter((r) => r.acceptedAt !== null);
  return {
    by_org: grouped(accepted, (r) => r.responderOrg).map(([org, g]) => ({ org, ...timesOf(g) })),
    by_jcc: grouped(accepted, (r) => r.addressedJcc).map(([jcc, g]) => ({ jcc, ...timesOf(g) })),
  };
}
