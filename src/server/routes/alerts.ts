import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertRuleCreateSchema, alertRuleUpdateSchema } from '../../domain/alert-rule.ts';
import {
  countUnreadAlerts,
  listAlerts,
  markAlertRead,
  markAllAlertsRead,
  maxAlertPage,
  maxAlertsCounted,
  readAlert,
} from '../../service/alert-reads.ts';
import {
  createAlertRule,
  listAlertRules,
  readAlertRule,
  removeAlertRule,
  updateAlertRule,
} from '../../service/alert-rules.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { presentAlert, presentAlertRule } from '../presenters/alerts.ts';

const cursorShape = z.object({ read: z.boolean(), id: z.string().max(40) }).strict();
const listQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional().describe('true: only the alerts you have not read'),
    limit: z.coerce.number().int().min(1).max(maxAlertPage).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
const idParams = z.object({ id: z.uuid() });

const seenNote =
  'You see the alerts of your organisation about records you may see: where you may see only a record’s tearline, the alert carries the tearline (and not which of your presence it was near, nor how near); an alert about a record you may not see at all is not shown. Read marks are your own.';

/** Alerts of the reader's organisation, and the organisation's alert rules. */
export function alertRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Your alerts, unread first, newest first',
        description: seenNote,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = await listAlerts(store, actorOf(request), {
        unreadOnly: q.unread === 'true',
        after: q.cursor ? decodeCursor(q.cursor, cursorShape) : null,
        limit: q.limit,
      });
      return {
        items: page.items.map((a) => presentAlert(a.seen, a.readAt)),
        next: page.next && encodeCursor(page.next),
      };
    },
  );

  r.get(
    '/api/v1/alerts/unread-count',
    {
      schema: {
        tags: ['alerts'],
        summary: 'How many of your alerts you have not read',
        description: `Counts up to ${maxAlertsCounted}; \`capped\` says there are more.`,
      },
      onRequest: requireUser,
    },
    async (request) => countUnreadAlerts(store, actorOf(request)),
  );

  r.post(
    '/api/v1/alerts/read-all',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Mark every alert you may see as read (by you)',
        description: `Marks up to ${maxAlertsCounted} a request; \`marked\` says how many.`,
      },
      onRequest: requireUser,
    },
    async (request) => ({ marked: await markAllAlertsRead(store, actorOf(request)) }),
  );

  r.get(
    '/api/v1/alerts/:id',
    {
      schema: { tags: ['alerts'], summary: 'One alert', description: seenNote, params: idParams },
      onRequest: requireUser,
    },
    async (request) => {
      const a = await readAlert(store, actorOf(request), request.params.id);
      return presentAlert(a.seen, a.readAt);
    },
  );

  r.post(
    '/api/v1/alerts/:id/read',
    {
      schema: { tags: ['alerts'], summary: 'Mark one alert as read (by you)', params: idParams },
      onRequest: requireUser,
    },
    async (request) => {
      const a = await markAlertRead(store, actorOf(request), request.params.id);
      return presentAlert(a.seen, a.readAt);
    },
  );

  r.get(
    '/api/v1/alert-rules',
    { schema: { tags: ['alerts'], summary: 'Your organisation’s alert rules' }, onRequest: requireUser },
    async (request) => ({
      items: (await listAlertRules(store, actorOf(request))).map(presentAlertRule),
      next: null,
    }),
  );

  r.post(
    '/api/v1/alert-rules',
    {
      schema: {
        tags: ['alerts'],
        summary: 'A new alert rule of your organisation (analysts, administrators)',
        description:
          '`incident_near`: an incident within `radius_km` of the footprint of your organisation’s own presence of `presence_kinds` (checkpoint circles, patrol routes with their buffer, unit AORs), active at the incident’s time. `incident_in_corridor`: an incident inside a corridor of your organisation’s latest gap analysis window. `incident_near_activity`: an incident within `radius_km` of the area of one of your organisation’s own planned activities that is not done or cancelled and runs at the incident’s time, give or take the site’s deconfliction margin. `incident_types` limits these three to those types (empty: all). `activity_conflict`: deconfliction finds new conflicts for an activity your organisation is notified of. `activity_answer`: a notified organisation acknowledges, or raises a concern about, an activity your organisation owns. `activity_escalated`: an unanswered notification of an activity of your JCC is escalated to its liaison. `request_overdue`: a support request your organisation made, or must answer, is escalated overdue. A rule alerts once per record; each alert shows only what you may see of its record.',
        body: alertRuleCreateSchema,
      },
      onRequest: requireUser,
    },
    async (request, reply) =>
      reply.status(201).send(presentAlertRule(await createAlertRule(store, actorOf(request), request.body))),
  );

  r.get(
    '/api/v1/alert-rules/:id',
    { schema: { tags: ['alerts'], summary: 'One alert rule', params: idParams }, onRequest: requireUser },
    async (request) => presentAlertRule(await readAlertRule(store, actorOf(request), request.params.id)),
  );

  r.patch(
    '/api/v1/alert-rules/:id',
    {
      schema: { tags: ['alerts'], summary: 'Change an alert rule', params: idParams, body: alertRuleUpdateSchema },
      onRequest: requireUser,
    },
    async (request) =>
      presentAlertRule(await updateAlertRule(store, actorOf(request), request.params.id, request.body)),
  );

  r.delete(
    '/api/v1/alert-rules/:id',
    { schema: { tags: ['alerts'], summary: 'Remove an alert rule', params: idParams }, onRequest: requireUser },
    async (request, reply) => {
      await removeAlertRule(store, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
