import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GapReportOptions } from '../../geo/gap-report.ts';
import { forecastGaps, maxForecastDays } from '../../service/gap-forecast.ts';
import { analyseGaps, gapTrend, maxTrendWindows } from '../../service/gaps.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentGapSnapshot } from '../presenters/gap-snapshot.ts';

const dayMs = 86_400_000;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const windowQuery = {
  from: z.iso.datetime({ offset: true }).optional().describe('start of the window (default: 7 days before `to`)'),
  to: z.iso.datetime({ offset: true }).optional().describe('end of the window (default: now)'),
  orgs: z
    .string()
    .max(500)
    .optional()
    .describe('comma-separated organisations whose presence counts (default: all you may see)')
    .transform((s) => s?.split(',').filter(Boolean)),
  min_share: z.coerce.number().min(0).max(1).optional().describe('minimum share of the window a place must be covered'),
};

const reportQuery = z
  .object({
    ...windowQuery,
    hotspots: flag.optional().describe('compute Gi* hotspots (default true)'),
    resolution: z.coerce.number().int().min(5).max(10).optional().describe('H3 resolution of hotspots (default 8)'),
    k: z.coerce.number().int().min(1).max(5).optional().describe('neighbourhood in H3 rings (default 1)'),
    sites: z.coerce.number().int().min(0).max(50).optional().describe('joint checkpoints to recommend (default 5)'),
    site_radius_km: z.coerce.number().gt(0).max(50).optional().describe('their coverage radius (default 5)'),
    half_life_days: z.coerce.number().gt(0).max(3650).optional().describe('weight recent incidents more'),
    prefer_corridors: flag.optional(),
  })
  .strict();

const trendQuery = z
  .object({
    ...windowQuery,
    every: z
      .string()
      .regex(/^\d{1,4}[dhm]$/, 'expected a duration such as 1d, 12h or 30m')
      .default('1d')
      .transform((s) => Number(s.slice(0, -1)) * { d: dayMs, h: 3_600_000, m: 60_000 }[s.slice(-1) as 'd' | 'h' | 'm']),
  })
  .strict();

const forecastQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('start of the forecast (default: now)'),
    days: z.coerce.number().int().min(1).max(maxForecastDays).default(7).describe('days ahead (default 7)'),
    orgs: windowQuery.orgs,
    min_share: windowQuery.min_share,
  })
  .strict();

function windowOf(q: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = q.to ?? now.toISOString();
  return { from: q.from ?? new Date(Date.parse(to) - 7 * dayMs).toISOString(), to };
}

/** Coverage gaps of the site's coordination line, from what the requester may see. */
export function gapRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/gaps',
    {
      schema: {
        tags: ['gaps'],
        summary: 'Gap analysis over a time window',
        description:
          'Uses only the presence and incidents you may see (whole): gaps (GeoJSON), uncovered area and share, per-AOR figures, the uncovered runs of the line and the longest uncovered stretch, corridors with their narrowest width, incidents in gaps, Gi* hotspots and recommended joint checkpoints.',
        querystring: reportQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const window = windowOf(q, store.now());
      const options: GapReportOptions = {
        orgs: q.orgs,
        minShare: q.min_share,
        hotspots: q.hotspots === false ? false : { resolution: q.resolution, k: q.k },
        recommendations:
          q.sites === 0
            ? false
            : {
                count: q.sites,
                radiusKm: q.site_radius_km,
                halfLifeDays: q.half_life_days,
                asOf: window.to,
                preferCorridors: q.prefer_corridors,
              },
      };
      return analyseGaps(store, actorOf(request), { ...window, options });
    },
  );

  r.get(
    '/api/v1/gaps/forecast',
    {
      schema: {
        tags: ['gaps'],
        summary: 'Planned coverage: how much of the gap the planned activities close',
        description:
          'The gap of the coming days with the standing presence you may see, against the same window with the planned activities you may see whole added (patrols, checkpoint set-ups and operations that are notified, acknowledged, contested or under way; each occurrence at its hours): the area and share that close, and for each corridor whether it stays open.',
        querystring: forecastQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      return forecastGaps(store, actorOf(request), {
        from: q.from,
        days: q.days,
        options: { orgs: q.orgs, minShare: q.min_share },
      });
    },
  );

  r.get(
    '/api/v1/gaps/trend',
    {
      schema: {
        tags: ['gaps'],
        summary: 'Is the gap closing? The figures over consecutive windows',
        description: `Splits [from, to) into windows of \`every\` (at most ${maxTrendWindows}), analyses each and stores the figures as your organisation's snapshots (a window computed again replaces its snapshot).`,
        querystring: trendQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const window = windowOf(q, store.now());
      const series = await gapTrend(store, actorOf(request), {
        ...window,
        everyMs: q.every,
        options: { orgs: q.orgs, minShare: q.min_share },
      });
      return { items: series.map((snapshot, i) => presentGapSnapshot(snapshot, series[i - 1])), next: null };
    },
  );
}
