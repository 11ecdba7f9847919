import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifications } from '../../domain/incident.ts';
import { incidentCreateSchema, releasabilityChangeSchema } from '../../domain/incident-input.ts';
import { incidentTypeCodes } from '../../domain/taxonomy.ts';
import { incidentStats, listIncidents, readIncident } from '../../service/incident-reads.ts';
import { changeReleasability, createIncident } from '../../service/incidents.ts';
import type { IncidentFilter } from '../../store/incidents.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { bboxParam, decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';
import { presentIncident, presentSeen } from '../presenters/incident.ts';

const cursorShape = z.object({ time: z.string().max(40), id: z.string().max(40) }).strict();

const filterQuery = {
  since: z.iso.datetime({ offset: true }).optional().describe('incidents at or after this time'),
  until: z.iso.datetime({ offset: true }).optional().describe('incidents before this time'),
  type: z
    .string()
    .max(2000)
    .optional()
    .describe('comma-separated incident type codes')
    .transform((s) => s?.split(','))
    .pipe(z.array(z.enum(incidentTypeCodes, { error: 'unknown incident type: see GET /api/v1/taxonomy' })).optional()),
  jcc: z.string().max(32).optional(),
  org: z.string().max(32).optional().describe('owner (reporting) organisation'),
  source: z.string().max(32).optional(),
  verification: z.enum(verifications).optional(),
  bbox: bboxParam.optional().describe('west,south,east,north'),
};

const listQuery = z.object({ ...pagingQuery, ...filterQuery }).strict();
const statsQuery = z.object(filterQuery).strict();

function filterOf(q: z.output<typeof statsQuery>): IncidentFilter {
  return {
    since: q.since && new Date(q.since).toISOString(),
    until: q.until && new Date(q.until).toISOString(),
    types: q.type,
    jcc: q.jcc,
    ownerOrg: q.org,
    source: q.source,
    verification: q.verification,
    bbox: q.bbox,
  };
}

const tearlineNote =
  'An incident you may not see whole but whose tearline is released to you appears as its tearline: `{ id, tearline: true, type, date, lon, lat (snapped to a grid), area, casualties (totals), summary }`.';

export function incidentRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents you may see, newest first',
        description: `${tearlineNote} A filter on a field a tearline does not carry (org, jcc, source, verification) matches no tearline; a time window matches a tearline's whole day, and a bbox its snapped location.`,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = listIncidents(
        store,
        actorOf(request),
        filterOf(q),
        q.cursor ? decodeCursor(q.cursor, cursorShape) : null,
        q.limit,
      );
      return { items: page.items.map(presentSeen), next: page.next && encodeCursor(page.next) };
    },
  );

  r.get(
    '/api/v1/incidents/stats',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Counts and casualty totals over the incidents and tearlines you may see',
        querystring: statsQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const s = incidentStats(store, actorOf(request), filterOf(request.query));
      return { incidents: s.incidents, tearlines: s.tearlines, by_type: s.byType, casualties: s.casualties };
    },
  );

  r.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident (or its tearline)',
        description: tearlineNote,
        params: z.object({ id: z.uuid() }),
      },
      onRequest: requireUser,
    },
    async (request) => presentSeen(readIncident(store, actorOf(request), request.params.id)),
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

  r.post(
    '/api/v1/incidents/:id/releasability',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Change who may see an incident, and its tearline',
        description:
          'Only analysts and administrators of the owner organisation. Widening the audience needs a `reason`; narrowing is allowed and audited, but cannot recall what was already seen: users who read the record before keep what they read (their exports, their screens, their memory). The live stream sends the change only to those who may see the record after it.',
        params: z.object({ id: z.uuid() }),
        body: releasabilityChangeSchema,
      },
      onRequest: requireUser,
    },
    async (request) => presentIncident(changeReleasability(store, actorOf(request), request.params.id, request.body)),
  );
}
