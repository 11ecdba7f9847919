import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  defaultPointsLimit,
  defaultPointsWindowDays,
  incidentPoints,
  maxPointsLimit,
} from '../../service/incident-points.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { incidentFilterQuery } from '../incident-filter.ts';
import { presentIncidentPoints } from '../presenters/incident-points.ts';

const pointsQuery = z
  .object({
    since: incidentFilterQuery.since.describe(
      `incidents at or after this time (default: ${defaultPointsWindowDays} days before until)`,
    ),
    until: incidentFilterQuery.until.describe('incidents before this time (default: now)'),
    type: incidentFilterQuery.type,
    bbox: incidentFilterQuery.bbox,
    limit: z.coerce.number().int().min(1).max(maxPointsLimit).default(defaultPointsLimit),
  })
  .strict();

const iso = (t: string | undefined) => t && new Date(t).toISOString();

/** The compact point set of the map. */
export function incidentPointRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/incidents/points',
    {
      schema: {
        tags: ['incidents'],
        summary: 'The incidents you may see in a window, as compact map points, newest first',
        description:
          'Answers `{ fields, rows, count, truncated }`: each row is `[id, lon, lat, type, casualties, tearline, time, org]`, casualties being killed, wounded and abducted together. A row seen through its tearline only has tearline 1, the location snapped to the tearline grid, the day (YYYY-MM-DD) as its time and a null org. `truncated` is true when more incidents matched than `limit`.',
        querystring: pointsQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const points = await incidentPoints(
        store,
        actorOf(request),
        { since: iso(q.since), until: iso(q.until), types: q.type, bbox: q.bbox },
        q.limit,
      );
      return presentIncidentPoints(points);
    },
  );
}
