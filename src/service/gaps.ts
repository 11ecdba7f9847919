import { invalid, SeamError } from '../domain/errors.ts';
import type { CoverageSource } from '../geo/coverage.ts';
import type { GapIncident, GapReport, GapReportOptions } from '../geo/gap-report.ts';
import type { GapSnapshot } from '../store/gap-snapshots.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { gapReportOffThread } from './gap-thread.ts';
import { incidentPoints, maxPointsLimit } from './incident-points.ts';
import { coverageSourceOf, listPresence } from './presence.ts';

/** The most windows one trend request may compute. */
export const maxTrendWindows = 400;

export interface GapQuery {
  from: string;
  to: string;
  options?: GapReportOptions;
  /**
   * Leave the incidents out (default: read them): for figures that do not depend on them — the
   * uncovered area and share, the runs of the line, corridors — as a series of windows needs.
   */
  withoutIncidents?: boolean;
}

async function siteZone(store: Store) {
  const line = (await store.lines.list())[0];
  if (!line) throw new SeamError('not_found', 'no coordination line is set up on this site');
  return { line: line.line, zone: line.zone, zoneKm: line.zoneKm };
}

/** The presence records the actor may see, as coverage sources: an analysis never uses what its reader may not see. */
async function visiblePresence(store: Store, actor: Actor): Promise<CoverageSource[]> {
  return (await listPresence(store, actor, {}, null, 1_000_000)).items.map(coverageSourceOf);
}

/**
 * The incidents of the window the actor may see whole (a tearline's snapped location is too coarse to analyse),
 * read as compact point rows through the one access policy rather than as whole records.
 */
async function visibleIncidents(store: Store, actor: Actor, from: string, to: string): Promise<GapIncident[]> {
  if (from === to) return [];
  const { points, truncated } = await incidentPoints(store, actor, { since: from, until: to }, maxPointsLimit);
  if (truncated)
    throw invalid('from', `the window holds more than ${maxPointsLimit} incidents you may see: choose a shorter one`);
  return points
    .filter((p) => !p.tearline)
    .map((p) => ({ id: p.id, lon: p.lon, lat: p.lat, type: p.type, time: p.time }));
}

/** The window as UTC ISO-8601 with milliseconds, the form every stored time has. */
function checkWindow(from: string, to: string): { from: string; to: string } {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a)) throw invalid('from', 'must be an ISO-8601 time');
  if (Number.isNaN(b)) throw invalid('to', 'must be an ISO-8601 time');
  if (b < a) throw invalid('to', 'must not be before from');
  return { from: new Date(a).toISOString(), to: new Date(b).toISOString() };
}

/**
 * The gap analysis of the site's coordination line over a window, from the presence and incidents
 * the actor may see: gaps, per-AOR figures, uncovered runs of the line, corridors, incidents in
 * gaps, hotspots and recommended joint checkpoints. `planned` adds coverage that is planned
 * rather than standing (a forecast), already filtered to what the actor may see.
 */
export async function analyseGaps(
  store: Store,
  actor: Actor,
  q: GapQuery,
  planned: readonly CoverageSource[] = [],
): Promise<GapReport> {
  const window = checkWindow(q.from, q.to);
  // What the actor may see is read here, at once; the geometry is computed on the analysis thread.
  return gapReportOffThread({
    ...(await siteZone(store)),
    presence: [...(await visiblePresence(store, actor)), ...planned],
    incidents: q.withoutIncidents ? [] : await visibleIncidents(store, actor, window.from, window.to),
    aors: (await store.jccs.list()).map((j) => ({ code: j.code, aor: j.aor })),
    window,
    options: { ...q.options, recommendations: q.options?.recommendations ?? { asOf: window.to } },
  });
}

/** Splits [from, to) into consecutive windows of `everyMs`. */
export function trendWindows(from: string, to: string, everyMs: number): Array<{ from: string; to: string }> {
  const window = checkWindow(from, to);
  if (!(everyMs >= 60_000)) throw invalid('every', 'must be at least a minute');
  const start = Date.parse(window.from);
  const end = Date.parse(window.to);
  const count = Math.ceil((end - start) / everyMs);
  if (count > maxTrendWindows) throw invalid('every', `gives ${count} windows; at most ${maxTrendWindows}`);
  return Array.from({ length: count }, (_, k) => ({
    from: new Date(start + k * everyMs).toISOString(),
    to: new Date(Math.min(end, start + (k + 1) * everyMs)).toISOString(),
  }));
}

/**
 * The gap figures over consecutive windows — "is the gap closing?" — each stored as a snapshot of
 * the actor's organisation (recomputing a window replaces its snapshot).
 */
export async function gapTrend(
  store: Store,
  actor: Actor,
  q: GapQuery & { everyMs: number },
  onProgress?: (done: number, total: number) => void,
): Promise<GapSnapshot[]> {
  const windows = trendWindows(q.from, q.to, q.everyMs);
  const options: GapReportOptions = { ...q.options, hotspots: false, recommendations: false };
  const snapshots: GapSnapshot[] = [];
  for (const [n, w] of windows.entries()) {
    const r = await analyseGaps(store, actor, { from: w.from, to: w.to, options });
    snapshots.push({
      id: newId(),
      org: actor.org,
      windowFrom: w.from,
      windowTo: w.to,
      minShare: r.min_share,
      orgs: (r.orgs ?? []).slice().sort().join(','),
      zoneKm2: r.zone_km2,
      uncoveredKm2: r.uncovered_km2,
      uncoveredShare: r.uncovered_share,
      longestUncoveredStretchKm: r.longest_uncovered_stretch_km,
      corridors: r.corridors.length,
      incidentsInGaps: r.inputs.incidents_in_gaps,
      computedAt: store.now().toISOString(),
    });
    onProgress?.(n + 1, windows.length);
  }
  await store.write(actor.userId, async (tx) => {
    for (const s of snapshots) await tx.gapSnapshots.save(s);
  });
  const window = checkWindow(q.from, q.to);
  return (await store.gapSnapshots.list(actor.org, window.from, window.to)).filter((s) =>
    snapshots.some(
      (n) =>
        n.windowFrom === s.windowFrom && n.windowTo === s.windowTo && n.minShare === s.minShare && n.orgs === s.orgs,
    ),
  );
}
