import type { Conflict } from './activity.ts';

/** The site's deconfliction rules (settings): how near in space and time counts as a conflict. */
export interface DeconflictionRules {
  /** Records whose areas come within this distance conflict (default 2 km). */
  separationKm: number;
  /** Windows within this time of each other conflict (default 60 minutes). */
  marginMs: number;
  /** Incidents inside the area within this time before deconfliction are reported (default 7 days). */
  incidentWindowMs: number;
}

export const defaultDeconflictionRules: DeconflictionRules = {
  separationKm: 2,
  marginMs: 60 * 60_000,
  incidentWindowMs: 7 * 86_400_000,
};

/** How the space of two records is compared: a distance between their footprints (km, 0 where they overlap). */
export type DistanceKm<F> = (a: F, b: F) => number;

/** The activity being deconflicted: its owners, footprint, occurrences (epoch ms) and JCC. */
export interface DeconflictionSubject<F> {
  id: string;
  ownerOrgs: readonly string[];
  footprint: F;
  occurrences: ReadonlyArray<readonly [number, number]>;
  jcc: string | null;
}

/** Another organisation's activity or standing presence that might conflict. */
export interface DeconflictionCandidate<F> {
  with: 'activity' | 'presence';
  recordId: string;
  ownerOrgs: readonly string[];
  kind: string;
  name: string | null;
  footprint: F;
  /** The candidate's active intervals (epoch ms, sorted) within [from, to). */
  intervals(from: number, to: number): Array<[number, number]>;
  jcc: string | null;
}

/** A recent incident that might lie inside the area. */
export interface IncidentCandidate<F> {
  recordId: string;
  ownerOrg: string;
  type: string;
  time: number;
  footprint: F;
  jcc: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The first window in which an interval list meets an occurrence widened by the margin, or null. */
function firstOverlap(
  occurrences: ReadonlyArray<readonly [number, number]>,
  intervals: (from: number, to: number) => Array<[number, number]>,
  marginMs: number,
): [number, number] | null {
  for (const [s, e] of occurrences) {
    const from = s - marginMs;
    const to = e + marginMs;
    for (const [a, b] of intervals(from, to)) {
      const start = Math.max(a, from);
      const end = Math.min(b, to);
      if (end > start) return [start, end];
    }
  }
  return null;
}

/**
 * Every conflict of an activity: each other organisation's activity or presence within the
 * separation in space and the margin in time (recurring windows expanded), and each incident
 * inside the area in the recent window before `now`. Candidates owned only by the activity's own
 * organisations are not conflicts. Sorted nearest first, then by when.
 */
export function findConflicts<F>(
  subject: DeconflictionSubject<F>,
  candidates: Iterable<DeconflictionCandidate<F>>,
  incidents: Iterable<IncidentCandidate<F>>,
  rules: DeconflictionRules,
  distanceKm: DistanceKm<F>,
  now: number,
): Conflict[] {
  const out: Conflict[] = [];
  for (const c of candidates) {
    if (c.recordId === subject.id) continue;
    if (c.ownerOrgs.every((o) => subject.ownerOrgs.includes(o))) continue;
    const when = firstOverlap(subject.occurrences, (f, t) => c.intervals(f, t), rules.marginMs);
    if (!when) continue;
    const d = distanceKm(subject.footprint, c.footprint);
    if (!(d <= rules.separationKm)) continue;
    out.push({
      with: c.with,
      recordId: c.recordId,
      ownerOrg: c.ownerOrgs[0],
      kind: c.kind,
      name: c.name,
      distanceKm: Math.round(d * 1000) / 1000,
      overlap: { start: iso(when[0]), end: iso(when[1]) },
      jcc: c.jcc ?? subject.jcc,
    });
  }
  for (const i of incidents) {
    if (i.time > now || i.time < now - rules.incidentWindowMs) continue;
    if (distanceKm(subject.footprint, i.footprint) > 0) continue;
    out.push({
      with: 'incident',
      recordId: i.recordId,
      ownerOrg: i.ownerOrg,
      kind: i.type,
      name: null,
      distanceKm: 0,
      overlap: { start: iso(i.time), end: iso(i.time) },
      jcc: i.jcc ?? subject.jcc,
    });
  }
  return out.sort(
    (a, b) =>
      a.distanceKm - b.distanceKm ||
      a.overlap.start.localeCompare(b.overlap.start) ||
      a.recordId.localeCompare(b.recordId),
  );
}
