import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityConcernSchema,
  activityCreateSchema,
  activityListQuery,
  activityResponseSchema,
  activityUpdateSchema,
} from '../../domain/activity-input.ts';
import { activityWire, seenActivityWire } from '../../domain/records/activity.ts';
import { activitiesCsv, activitiesGeoJson } from '../../io/activity-export.ts';
import { notifyActivity, planActivity, previewDeconfliction, updateActivity } from '../../service/activities.ts';
import { escalateOverdue } from '../../service/activity-escalation.ts';
import { activityHistory } from '../../service/activity-history.ts';
import { activitiesForExport, listActivities, readActivity } from '../../service/activity-reads.ts';
import { answerActivity, approveActivity, stepActivity } from '../../service/activity-steps.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { bboxParam, decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';

const tags = ['activities'];
const idParams = z.object({ id: z.uuid() });
const filterQuery = { ...activityListQuery, bbox: bboxParam.optional() };
const listQuery = z.object({ ...pagingQuery, ...filterQuery }).strict();
const exportQuery = z.object({ format: z.enum(['geojson', 'csv']), ...filterQuery }).strict();
const versionBody = z.object({ version: z.int().min(1).describe('the version you move on') }).strict();
const cancelBody = versionBody.extend({ reason: z.string().trim().max(2000).optional() }).strict();
const cursorShape = z.string().max(40);

const noticeNote =
  'A reader sees an activity whole when its releasability allows (each owner of a joint activity always); otherwise, through its tearline or because their organisation was notified of it, a notice: when, which JCC, whom to contact, their own notification — never the owner, unit or exact area. A conflict with a record the reader may not see shows only `{ hidden: true, jcc, overlap }`: never its id, owner, kind, geometry or distance.';

/** How often the server sweeps for unanswered notifications past their deadline. */
const escalationEveryMs = 60_000;

export function activityRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const timer = setInterval(() => {
    escalateOverdue(store, store.now()).catch((err) => app.log.error({ err }, 'activity escalation sweep failed'));
  }, escalationEveryMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  r.get(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'Planned activities you may see, in the order they were planned',
        description: noticeNote,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const { limit, cursor, bbox, ...filter } = request.query;
      const page = await listActivities(
        store,
        actorOf(request),
        { ...filter, bbox },
        cursor ? decodeCursor(cursor, cursorShape) : null,
        limit,
      );
      return { items: page.items.map(seenActivityWire), next: page.next && encodeCursor(page.next) };
    },
  );

  r.get(
    '/api/v1/activities/export',
    {
      schema: {
        tags,
        summary: 'Download the activities you may see whole, as GeoJSON or CSV',
        description:
          'The activities matching the filters that you may see whole (a notice is never exported), their conflicts through their tearlines. CSV starts with a byte order mark and neutralises formula-like cells. Every export is audited (`activity.export`).',
        querystring: exportQuery,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const { format, bbox, ...filter } = request.query;
      const views = (await activitiesForExport(store, actorOf(request), { ...filter, bbox }, format)).map(activityWire);
      const day = store.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json')
        .header('content-disposition', `attachment; filename="seam-activities-${day}.${format}"`)
        .send(format === 'csv' ? activitiesCsv(views) : activitiesGeoJson(views));
    },
  );

  r.get(
    '/api/v1/activities/:id',
    {
      schema: { tags, summary: 'One planned activity (or its notice)', description: noticeNote, params: idParams },
      onRequest: requireUser,
    },
    async (request) => seenActivityWire(await readActivity(store, actorOf(request), request.params.id)),
  );

  r.get(
    '/api/v1/activities/:id/history',
    {
      schema: {
        tags,
        summary: 'Every version of an activity: who, when, which fields, old and new values',
        description: 'For readers who may see the activity whole; conflicts appear through their tearlines.',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => ({ items: await activityHistory(store, actorOf(request), request.params.id), next: null }),
  );

  r.post(
    '/api/v1/activities',
    {
      schema: {
        tags,
        summary: 'Plan an activity (a draft: nobody is told until it is notified)',
        description:
          'Area: `{shape: "point", at, radius_km}`, `{shape: "route", points, buffer_km}` or `{shape: "polygon", points}`, each position `[lon, lat]`, `{mgrs}` or `{place}`. The JCC is the one whose AOR holds the area unless named. Liaison officers and administrators.',
        body: activityCreateSchema,
      },
      onRequest: requireUser,
    },
    async (request, reply) =>
      reply.status(201).send(seenActivityWire(await planActivity(store, actorOf(request), request.body))),
  );

  r.post(
    '/api/v1/activities/deconflict',
    {
      schema: {
        tags,
        summary: 'Preview the conflicts of a plan before sending it (nothing is written)',
        description: `Takes the same body as planning one and answers the activity as it would be notified now: its conflicts and who would be notified. ${noticeNote}`,
        body: activityCreateSchema,
      },
      onRequest: requireUser,
    },
    async (request) => seenActivityWire(await previewDeconfliction(store, actorOf(request), request.body)),
  );

  r.patch(
    '/api/v1/activities/:id',
    {
      schema: {
        tags,
        summary: 'Change a planned activity (its owners; send the version you change)',
        description:
          'After it was notified, deconfliction runs again and every organisation concerned is notified afresh.',
        params: idParams,
        body: activityUpdateSchema,
      },
      onRequest: requireUser,
    },
    async (request) => seenActivityWire(await updateActivity(store, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/activities/:id/notify',
    {
      schema: {
        tags,
        summary: 'Send a draft: deconflict it and notify every organisation concerned',
        description:
          'Finds every other organisation’s activity and presence within the separation (setting `deconfliction_separation_km`, default 2) and time margin (`deconfliction_margin_min`, default 60), and incidents inside the area in the last `deconfliction_incident_days` (default 7). The conflicts are stored with the notification; the owners of conflicting activities and presence and the members of the activity’s JCC are notified.',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => seenActivityWire(await notifyActivity(store, actorOf(request), request.params.id)),
  );

  r.post(
    '/api/v1/activities/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge a notification, for your organisation (optional comment)',
        params: idParams,
        body: activityResponseSchema.optional(),
      },
      onRequest: requireUser,
    },
    async (request) =>
      seenActivityWire(await answerActivity(store, actorOf(request), request.params.id, 'acknowledged', request.body)),
  );

  r.post(
    '/api/v1/activities/:id/concern',
    {
      schema: {
        tags,
        summary: 'Raise a concern about a notified activity, for your organisation',
        params: idParams,
        body: activityConcernSchema,
      },
      onRequest: requireUser,
    },
    async (request) =>
      seenActivityWire(await answerActivity(store, actorOf(request), request.params.id, 'concern', request.body)),
  );

  r.post(
    '/api/v1/activities/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a joint activity, for your organisation (one of its owners)',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => seenActivityWire(await approveActivity(store, actorOf(request), request.params.id)),
  );

  for (const step of ['start', 'done', 'cancel'] as const) {
    r.post(
      `/api/v1/activities/:id/${step}`,
      {
        schema: {
          tags,
          summary: {
            start: 'Mark an acknowledged activity under way',
            done: 'Mark an activity under way done',
            cancel: 'Cancel an activity (before it is done)',
          }[step],
          params: idParams,
          body: step === 'cancel' ? cancelBody : versionBody,
        },
        onRequest: requireUser,
      },
      async (request) => {
        const body = request.body as { version: number; reason?: string };
        return seenActivityWire(
          await stepActivity(store, actorOf(request), request.params.id, step, body.version, body.reason ?? null),
        );
      },
    );
  }
}
