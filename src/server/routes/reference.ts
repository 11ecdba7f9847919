import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presenceKinds } from '../../domain/presence.ts';
import { incidentTypes } from '../../domain/taxonomy.ts';
import { listPresence } from '../../service/presence.ts';
import { coordinationLines, jcc, jccs, organisations } from '../../service/reference.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { bboxParam, decodeCursor, encodeCursor, pagingQuery } from '../cursor.ts';
import { presentJcc, presentLine, presentOrganisation, presentPresence } from '../presenters/records.ts';

const presenceQuery = z
  .object({
    ...pagingQuery,
    kind: z.enum(presenceKinds).optional(),
    org: z.string().max(32).optional(),
    bbox: bboxParam.optional().describe('west,south,east,north'),
  })
  .strict();

/** Organisations, centres, the coordination line and presence: the shared reference picture. */
export function referenceRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { onRequest: requireUser };

  r.get('/api/v1/organisations', { schema: { tags: ['reference'], summary: 'Organisations' }, ...auth }, async () => ({
    items: (await organisations(store)).map(presentOrganisation),
    next: null,
  }));

  r.get(
    '/api/v1/jccs',
    { schema: { tags: ['reference'], summary: 'Joint coordination centres' }, ...auth },
    async () => ({
      items: (await jccs(store)).map(presentJcc),
      next: null,
    }),
  );

  r.get(
    '/api/v1/jccs/:code',
    { schema: { tags: ['reference'], summary: 'One centre', params: z.object({ code: z.string().max(32) }) }, ...auth },
    async (request) => {
      return presentJcc(await jcc(store, request.params.code));
    },
  );

  r.get(
    '/api/v1/lines',
    { schema: { tags: ['reference'], summary: 'Coordination lines and their zones' }, ...auth },
    async () => ({ items: (await coordinationLines(store)).map(presentLine), next: null }),
  );

  r.get(
    '/api/v1/presence',
    {
      schema: {
        tags: ['reference'],
        summary: 'Checkpoints, patrols and unit AORs you may see',
        querystring: presenceQuery,
      },
      ...auth,
    },
    async (request) => {
      const q = request.query;
      const page = await listPresence(
        store,
        actorOf(request),
        { kind: q.kind, org: q.org, bbox: q.bbox },
        q.cursor ? decodeCursor(q.cursor, z.string().max(40)) : null,
        q.limit,
      );
      return { items: page.items.map(presentPresence), next: page.next && encodeCursor(page.next) };
    },
  );

  r.get(
    '/api/v1/taxonomy',
    { schema: { tags: ['reference'], summary: 'Incident types and their ACLED mapping' }, ...auth },
    async () => ({
      items: Object.entries(incidentTypes).map(([code, t]) => ({
        code,
        label: t.label,
        acled_event_type: t.acledEventType,
        acled_sub_event_type: t.acledSubEventType,
        jcc_type: t.jcc,
      })),
      next: null,
    }),
  );
}
