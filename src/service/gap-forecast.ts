import { activityVisibility } from '../access/activity.ts';
import { accessFacts } from '../access/facts.ts';
import type { Activity } from '../domain/activity.ts';
import { invalid } from '../domain/errors.ts';
import type { CoverageOptions } from '../geo/coverage.ts';
import { compareGapForecast, type GapForecast } from '../geo/gap-forecast.ts';
import type { GapReport } from '../geo/gap-report.ts';
import { coversGround, plannedCoverageSources } from '../geo/planned-coverage.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { analyseGaps } from './gaps.ts';
import { visiblePage } from './paging.ts';

const dayMs = 86_400_000;

/** The longest forecast: a month ahead. */
export const maxForecastDays = 31;
/** The most planned activities one forecast counts. */
export const maxForecastActivities = 10_000;

export interface ForecastQuery {
  /** Start of the forecast window (default: now). */
  from?: string;
  /** Days ahead (default 7). */
  days?: number;
  options?: Pick<CoverageOptions, 'orgs' | 'minShare'>;
}

/** The forecast, and which planned activities it counted. */
export interface GapForecastAnswer extends GapForecast {
  planned_activities: Array<{ id: string; kind: string; unit: string; owner_orgs: string[]; state: string }>;
}

/**
 * Planned coverage: "if the planned patrols of the next days happen, how much of the gap closes,
 * and which corridors stay open?" The gap of the window with the standing presence the actor may
 * see, against the same window with the planned activities the actor may see whole added
 * (patrols, checkpoint set-ups and operations, sent and not over, each occurrence at its hours).
 */
export async function forecastGaps(store: Store, actor: Actor, q: ForecastQuery): Promise<GapForecastAnswer> {
  const { standing, withPlanned, activities } = await forecastAnalyses(store, actor, q);
  return {
    ...compareGapForecast(standing, withPlanned),
    planned_activities: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      unit: a.unit,
      owner_orgs: a.ownerOrgs,
      state: a.state,
    })),
  };
}

/**
 * The two analyses a forecast compares — the window with the standing presence the actor may see,
 * and with the planned activities it may see whole added — and those activities; for readers that
 * need more than the comparison (a SITREP takes its JCC's part from each per-AOR breakdown).
 */
export async function forecastAnalyses(
  store: Store,
  actor: Actor,
  q: ForecastQuery,
): Promise<{ standing: GapReport; withPlanned: GapReport; activities: Activity[] }> {
  const days = q.days ?? 7;
  if (!(Number.isInteger(days) && days >= 1 && days <= maxForecastDays))
    throw invalid('days', `must be a whole number of days from 1 to ${maxForecastDays}`);
  const fromMs = q.from === undefined ? store.now().getTime() : Date.parse(q.from);
  if (Number.isNaN(fromMs)) throw invalid('from', 'must be an ISO-8601 time');
  const window = { from: new Date(fromMs).toISOString(), to: new Date(fromMs + days * dayMs).toISOString() };

  const facts = await accessFacts(store);
  const page = await visiblePage<Activity, string>(
    (cursor, batch) => store.activities.query({ from: window.from, to: window.to }, cursor, batch),
    (a) => coversGround(a) && activityVisibility(actor, a, facts) === 'record',
    (a) => a.id,
    null,
    maxForecastActivities,
  );
  if (page.next !== null)
    throw invalid('days', `the window holds more than ${maxForecastActivities} planned activities: choose fewer days`);
  const planned = page.items.flatMap(plannedCoverageSources);

  const options = { ...q.options, hotspots: false as const, recommendations: false as const };
  const standing = await analyseGaps(store, actor, { ...window, options });
  const withPlanned = await analyseGaps(store, actor, { ...window, options }, planned);
  return { standing, withPlanned, activities: page.items };
}
