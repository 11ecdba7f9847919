import { presentGapSnapshot } from '../../../server/presenters/gap-snapshot.ts';
import { actorForUser } from '../../../service/actor-for-user.ts';
import { forecastGaps, maxForecastDays } from '../../../service/gap-forecast.ts';
import { analyseGaps, gapTrend } from '../../../service/gaps.ts';
import type { GapSnapshot } from '../../../store/gap-snapshots.ts';
import { intOption, table, UsageError } from '../../args.ts';
import { progressBar } from '../../progress.ts';
import { withStore } from '../open.ts';
import { everyOption, reportOnlyOptions, reportOptions, timeOption, type Values, windowOf } from './options.ts';
import { km, pct, printForecast, printReport } from './print-report.ts';

/** The trend for people (or JSON): one row per window with the change from the one before. */
function printSeries(series: GapSnapshot[], json: boolean): void {
  const rows = series.map((s, i) => presentGapSnapshot(s, series[i - 1]));
  if (json) {
    console.log(JSON.stringify({ series: rows }));
    return;
  }
  const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${km(Math.abs(x))}`;
  console.log(
    table(
      ['window', 'uncovered km²', 'share', 'longest stretch km', 'corridors', 'incidents in gaps', 'change km²'],
      rows.map((s) => [
        `${s.window_from} – ${s.window_to}`,
        km(s.uncovered_km2),
        pct(s.uncovered_share),
        km(s.longest_uncovered_stretch_km),
        String(s.corridors),
        String(s.incidents_in_gaps),
        s.uncovered_km2_change === null ? '-' : signed(s.uncovered_km2_change),
      ]),
    ),
  );
}

/** `seam gaps --user …`: the report, or with --every the trend, on the database as that user. */
export async function databaseMode(values: Values, user: string): Promise<void> {
  // Every usage mistake is named before the database is opened.
  if (values.forecast !== undefined) return forecastMode(values, user);
  const window = windowOf(values, new Date());
  let everyMs: number | null = null;
  if (values.every !== undefined) {
    if (values.to === undefined || (values.from ?? values.since) === undefined)
      throw new UsageError('--every needs --from and --to: the span to split into windows');
    const given = reportOnlyOptions.find((o) => values[o] !== undefined);
    if (given) throw new UsageError(`--${given} does not apply to a trend (--every): it keeps the headline figures`);
    everyMs = everyOption(values.every);
  }
  const options = reportOptions(values, window);
  await withStore(values['data-dir'], async (store) => {
    const actor = await actorForUser(store, user);
    if (everyMs !== null) {
      const series = await gapTrend(
        store,
        actor,
        { ...window, everyMs, options: { orgs: options.orgs, minShare: options.minShare } },
        progressBar('analysing windows'),
      );
      printSeries(series, values.json ?? false);
      return;
    }
    const report = await analyseGaps(store, actor, { ...window, options });
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report);
  });
}

/** `seam gaps --user … --forecast DAYS`: the planned-coverage forecast from --from (default now). */
async function forecastMode(values: Values, user: string): Promise<void> {
  const days = intOption('forecast', values.forecast, 1, maxForecastDays) as number;
  for (const o of ['to', 'every', ...reportOnlyOptions] as const)
    if (values[o] !== undefined)
      throw new UsageError(`--${o} does not apply to a forecast (--forecast): it runs DAYS ahead of --from`);
  if (values.from !== undefined && values.since !== undefined)
    throw new UsageError('--from and --since are the same option: give one');
  const start = timeOption(values.since !== undefined ? 'since' : 'from', values.from ?? values.since, new Date());
  const options = reportOptions(values, { to: start ?? new Date().toISOString() });
  await withStore(values['data-dir'], async (store) => {
    const actor = await actorForUser(store, user);
    const forecast = await forecastGaps(store, actor, {
      from: start,
      days,
      options: { orgs: options.orgs, minShare: options.minShare },
    });
    if (values.json) console.log(JSON.stringify(forecast));
    else printForecast(forecast);
  });
}
