import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { supportRequestKinds, supportRequestPriorities, supportRequestStates } from '../../domain/support-request.ts';
import { stepBodySchemas, supportRequestCreateSchema } from '../../domain/support-request-input.ts';
import { type StepInput, supportRequestSteps } from '../../domain/support-request-steps.ts';
import { formatSupportRequestsCsv, formatSupportRequestsGeoJson } from '../../io/support-request-export.ts';
import {
  exportSupportRequests,
  listSupportRequests,
  readSupportRequest,
  type SupportRequestFilter,
  type SupportRequestView,
  supportRequestHistory,
  supportRequestStats,
} from '../../service/support-request-reads.ts';
import { createSupportRequest, takeSupportRequestStep } from '../../service/support-requests.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';
import { presentSupportRequest } from '../presenters/support-request.ts';

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'expected an organisation or JCC code');
const isoTime = z.iso.datetime({ offset: true });

const filterQuery = {
  state: z
    .string()
    .max(200)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(supportRequestStates)).max(supportRequestStates.length))
    .optional()
    .describe(`one or more states, comma-separated: ${supportRequestStates.join(', ')}`),
  priority: z.enum(supportRequestPriorities).optional(),
  kind: z.enum(supportRequestKinds).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('only overdue requests (true) or only the others (false)'),
  to: code.optional().describe('addressed to this organisation or JCC'),
  from: code.optional().describe('asked by this organisation'),
  since: isoTime.optional().describe('created at or after'),
  until: isoTime.optional().describe('created before'),
};

const listQuery = z.object({ ...pagingQuery, ...filterQuery }).strict();
const exportQuery = z
  .object({ format: z.enum(['geojson', 'csv']).describe('geojson (FeatureCollection) or csv'), ...filterQuery })
  .strict();
const statsQuery = z
  .object({
    since: isoTime.optional().describe('requests created at or after (default: 30 days ago)'),
    until: isoTime.optional().describe('requests created before (default: now)'),
  })
  .strict();
const cursorShape = z.object({ overdue: z.boolean(), respondBy: z.string().max(40), id: z.string().max(40) }).strict();
const idParams = z.object({ id: z.uuid() });

function filterOf(q: z.infer<z.ZodObject<typeof filterQuery>>): SupportRequestFilter {
  return {
    states: q.state,
    priority: q.priority,
    kind: q.kind,
    overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    to: q.to,
    from: q.from,
    since: q.since === undefined ? undefined : new Date(q.since).toISOString(),
    until: q.until === undefined ? undefined : new Date(q.until).toISOString(),
  };
}

const present = (v: SupportRequestView) => presentSupportRequest(v.request, v.overdue);

const accessNote =
  'A request is read by the requesting organisation, the addressee (the addressed organisation, or every member organisation of the addressed JCC) and the audience of its releasability; to anyone else it does not exist (404). Its linked incident is shown only to readers who may see that incident.';

/** The path segment of each step: `needs_information` is `needs-information`. */
const stepPaths = Object.fromEntries(supportRequestSteps.map((s) => [s, s.replaceAll('_', '-')])) as Record<
  (typeof supportRequestSteps)[number],
  string
>;

const stepSummaries: Record<(typeof supportRequestSteps)[number], string> = {
  accept: 'Accept a request (addressee: liaison or admin; from requested)',
  decline: 'Decline a request, with a reason (addressee: liaison or admin; from requested)',
  needs_information: 'Ask the requester a question (addressee: liaison or admin; from requested)',
  answer: "Answer the addressee's question (requester; from needs_information, back to requested)",
  assign: 'Assign the unit that gives the support (the organisation that accepted; from accepted)',
  start: 'Mark the support under way (the organisation that accepted; from assigned)',
  complete: 'Mark the support done (the organisation that accepted; from under_way)',
  cancel: 'Cancel a request (requester; any state before done, declined or cancelled)',
};

export function supportRequestRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Support requests you may see: overdue first, then by response deadline',
        description: `${accessNote} \`overdue\` is true while a request waits to be accepted or declined past its \`respond_by\`.`,
        querystring: listQuery,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const q = request.query;
      const page = await listSupportRequests(
        store,
        actorOf(request),
        filterOf(q),
        q.cursor ? decodeCursor(q.cursor, cursorShape) : null,
        q.limit,
      );
      return { items: page.items.map(present), next: page.next && encodeCursor(page.next) };
    },
  );

  r.get(
    '/api/v1/requests/stats',
    {
      schema: {
        tags: ['requests'],
        summary: 'Time to accept and to complete (median, 90th percentile) per organisation and per JCC',
        description:
          'Over the requests created in the period that you may see. Times are in seconds from the request’s creation; `by_org` groups by the organisation that accepted, `by_jcc` by the addressed JCC. The median of an even count is the mean of the two middle values; the 90th percentile is the nearest rank.',
        querystring: statsQuery,
      },
      onRequest: requireUser,
    },
    async (request) => supportRequestStats(store, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/requests/export',
    {
      schema: {
        tags: ['requests'],
        summary: 'Download the support requests you may see, as GeoJSON or CSV',
        description:
          'Every request matching the filters (the same as `GET /api/v1/requests`) that you may see, in list order. The CSV starts with a byte order mark and neutralises formula-like cells. Every export is audited (`support_requests.export`).',
        querystring: exportQuery,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const views = await exportSupportRequests(store, actorOf(request), filterOf(filter), format);
      const wires = views.map(present);
      const day = store.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="seam-requests-${day}.${format}"`)
        .send(format === 'csv' ? formatSupportRequestsCsv(wires) : formatSupportRequestsGeoJson(wires));
    },
  );

  r.get(
    '/api/v1/requests/:id',
    {
      schema: { tags: ['requests'], summary: 'One support request', description: accessNote, params: idParams },
      onRequest: requireUser,
    },
    async (request) => present(await readSupportRequest(store, actorOf(request), request.params.id)),
  );

  r.get(
    '/api/v1/requests/:id/history',
    {
      schema: {
        tags: ['requests'],
        summary: 'Every version of a support request: who, when, which fields, old and new values',
        params: idParams,
      },
      onRequest: requireUser,
    },
    async (request) => ({
      items: await supportRequestHistory(store, actorOf(request), request.params.id, presentSupportRequest),
      next: null,
    }),
  );

  r.post(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Ask another organisation or a JCC for support (reporter, analyst, liaison, admin)',
        description:
          'The request is from your organisation. Give exactly one of `addressed_org` and `addressed_jcc`, and the location as lon/lat or MGRS. `respond_by` follows from the priority and the site’s response deadlines (default: urgent 15 min, priority 1 h, routine 24 h). A MEDEVAC request carries its 9-line fields in `medevac`; line 1 is the request’s location.',
        body: supportRequestCreateSchema,
      },
      onRequest: requireUser,
    },
    async (request, reply) =>
      reply.status(201).send(present(await createSupportRequest(store, actorOf(request), request.body))),
  );

  for (const step of supportRequestSteps) {
    r.post(
      `/api/v1/requests/:id/${stepPaths[step]}`,
      {
        schema: {
          tags: ['requests'],
          summary: stepSummaries[step],
          description:
            'States: requested → accepted | declined | needs_information; needs_information → (answer) requested; accepted → assigned → under_way → done; cancelled by the requester before done. A step the state does not allow answers 409 naming the step and the state; a step by the wrong organisation or role 403; nothing is written.',
          params: idParams,
          body: stepBodySchemas[step],
        },
        onRequest: requireUser,
      },
      async (request) => {
        const input = { step, ...(request.body as object) } as StepInput;
        return present(await takeSupportRequestStep(store, actorOf(request), request.params.id, input));
      },
    );
  }
}
