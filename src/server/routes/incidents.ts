import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifications } from '../../domain/incident.ts';
import { incidentCreateSchema } from '../../domain/incident-input.ts';
import { incidentTypeCodes } from '../../domain/taxonomy.ts';
import { createIncident, getIncident, listIncidents } from '../../service/incidents.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { bboxParam, decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';
import { presentIncident } from '../presenters/incident.ts';

const cursorShape = z.object({ time: z.string().max(40), id: z.string().max(40) }).strict();

const listQuery = z
  .object({
    ...pagingQuery,
    since: z.iso.datetime({ offset: true }).optional().describe('incidents at or after this time'),
    until: z.iso.datetime({ offset: true }).optional().describe('incidents before this time'),
    type: z
      .string()
      .max(2000)
      .optional()
      .describe('comma-separated incident type codes')
      .transform((s) => s?.split(','))
      .pipe(
        z.array(z.enum(incidentTypeCodes, { error: 'unknown incident type: see GET /api/v1/taxonomy' })).optional(),
      ),
    jcc: z.string().max(32).optional(),
    org: z.string().max(32).optional().describe('owner (reporting) organisation'),
    source: z.string().max(32).optional(),
    verification: z.enum(verifications).optional(),
    bbox: bboxParam.optional().describe('west,south,east,north'),
  })
  .strict();

export function incidentRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/incidents',
    {
      schema: { tags: ['incidents'], summary: 'Incidents you may see, newest first', querystring: listQuery },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = listIncidents(
        store,
        actorOf(request),
        {
          since: q.since && new Date(q.since).toISOString(),
          until: q.until && new Date(q.until).toISOString(),
          types: q.type,
          jcc: q.jcc,
          ownerOrg: q.org,
          source: q.source,
          verification: q.verification,
          bbox: q.bbox,
        },
        q.cursor ? decodeCursor(q.cursor, cursorShape) : null,
        q.limit,
      );
      return { items: page.items.map(presentIncident), next: page.next && encodeCursor(page.next) };
    },
  );

  r.get(
    '/api/v1/incidents/:id',
    {
      schema: { tags: ['incidents'], summary: 'One incident', params: z.object({ id: z.uuid() }) },
      onRequest: requireUser,
    },
    async (request) => presentIncident(getIncident(store, actorOf(request), request.params.id)),
  );

  r.post(
    '/api/v1/incidents',
    {
      schema: { tags: ['incidents'], summary: 'Report an incident', body: incidentCreateSchema },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const incident = createIncident(store, actorOf(request), request.body);
      return reply.status(201).send(presentIncident(incident));
    },
  );
}
