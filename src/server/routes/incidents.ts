import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  incidentCreateSchema,
  incidentUpdateSchema,
  releasabilityChangeSchema,
  verificationSchema,
} from '../../domain/incident-input.ts';
import { incidentHistory } from '../../service/incident-history.ts';
import { incidentStats, listIncidents, readIncident } from '../../service/incident-reads.ts';
import { changeReleasability, correctIncident, createIncident, verifyIncident } from '../../service/incidents.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';
import { incidentFilterOf, incidentFilterQuery, tearlineNote } from '../incident-filter.ts';
import { presentIncident, presentSeen } from '../presenters/incident.ts';

const cursorShape = z.object({ time: z.string().max(40), id: z.string().max(40) }).strict();

const listQuery = z.object({ ...pagingQuery, ...incidentFilterQuery }).strict();
const statsQuery = z.object(incidentFilterQuery).strict();
const idParams = z.object({ id: z.uuid() });

export function incidentRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents you may see, newest first',
        description: tearlineNote,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = await listIncidents(
        store,
        actorOf(request),
        incidentFilterOf(q),
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
      const s = await incidentStats(store, actorOf(request), incidentFilterOf(request.query));
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
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => presentSeen(await readIncident(store, actorOf(request), request.params.id)),
  );

  r.post(
    '/api/v1/incidents',
    {
      schema: { tags: ['incidents'], summary: 'Report an incident', body: incidentCreateSchema },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const incident = await createIncident(store, actorOf(request), request.body);
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
        params: idParams,
        body: releasabilityChangeSchema,
      },
      onRequest: requireUser,
    },
    async (request) =>
      presentIncident(await changeReleasability(store, actorOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Correct an incident (owner organisation: its analysts and admins, or the reporter)',
        description:
          'Send the `version` you are correcting and only the fields that change; the location may be given as lon/lat, mgrs or place. Enrichment is recomputed. A newer version answers 409.',
        params: idParams,
        body: incidentUpdateSchema,
      },
      onRequest: requireUser,
    },
    async (request) => presentIncident(await correctIncident(store, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/incidents/:id/verification',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Verify an incident: confirmed, discounted or duplicate of another, with a reason (analysts, admins)',
        params: idParams,
        body: verificationSchema,
      },
      onRequest: requireUser,
    },
    async (request) => presentIncident(await verifyIncident(store, actorOf(request), request.params.id, request.body)),
  );

  r.get(
    '/api/v1/incidents/:id/history',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Every version of an incident: who, when, which fields, old and new values',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => ({
      items: await incidentHistory(store, actorOf(request), request.params.id, presentIncident),
      next: null,
    }),
  );
}
