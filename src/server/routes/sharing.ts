import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { releasabilitySchema } from '../../domain/incident-input.ts';
import { formatReleasability } from '../../domain/releasability.ts';
import { positionSharing, setPositionSharing } from '../../service/position-sharing.ts';
import {
  createSharingGroup,
  defaultableRecordTypes,
  releasabilityDefaults,
  setReleasabilityDefault,
  setSharingGroupMembers,
  sharingGroups,
} from '../../service/sharing.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentSharingGroup } from '../presenters/records.ts';

const members = z.array(z.string().max(32)).min(1).max(100);

/** Sharing groups and each organisation's default releasability. */
export function sharingRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = { onRequest: requireUser };

  r.get('/api/v1/sharing-groups', { schema: { tags: ['sharing'], summary: 'Sharing groups' }, ...auth }, async () => ({
    items: (await sharingGroups(store)).map(presentSharingGroup),
    next: null,
  }));

  r.post(
    '/api/v1/sharing-groups',
    {
      schema: {
        tags: ['sharing'],
        summary: 'Create a sharing group (admin); your organisation manages it',
        body: z.object({ name: z.string().max(64), members }).strict(),
      },
      ...auth,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentSharingGroup(
            await createSharingGroup(store, actorOf(request), request.body.name, request.body.members),
          ),
        ),
  );

  r.put(
    '/api/v1/sharing-groups/:name/members',
    {
      schema: {
        tags: ['sharing'],
        summary: 'Replace the members of a group your organisation manages (admin)',
        params: z.object({ name: z.string().max(64) }),
        body: z.object({ members }).strict(),
      },
      ...auth,
    },
    async (request) =>
      presentSharingGroup(
        await setSharingGroupMembers(store, actorOf(request), request.params.name, request.body.members),
      ),
  );

  r.get(
    '/api/v1/releasability-defaults',
    { schema: { tags: ['sharing'], summary: "Your organisation's default releasability per record type" }, ...auth },
    async (request) => ({
      items: (await releasabilityDefaults(store, actorOf(request).org)).map((d) => ({
        record_type: d.recordType,
        releasability: d.releasability,
      })),
      next: null,
    }),
  );

  r.put(
    '/api/v1/releasability-defaults/:record_type',
    {
      schema: {
        tags: ['sharing'],
        summary: "Set your organisation's default releasability for a record type (admin)",
        params: z.object({ record_type: z.enum(defaultableRecordTypes) }),
        body: z.object({ releasability: releasabilitySchema }).strict(),
      },
      ...auth,
    },
    async (request) => {
      const actor = actorOf(request);
      await setReleasabilityDefault(store, actor, actor.org, request.params.record_type, request.body.releasability);
      return { record_type: request.params.record_type, releasability: request.body.releasability };
    },
  );

  r.get(
    '/api/v1/position-sharing',
    {
      schema: {
        tags: ['sharing'],
        summary: "Who may see your organisation's unit positions (TAK clients and the units' live layer)",
      },
      ...auth,
    },
    async (request) => {
      const org = actorOf(request).org;
      return { org, releasability: formatReleasability(await positionSharing(store, org)) };
    },
  );

  r.put(
    '/api/v1/position-sharing',
    {
      schema: {
        tags: ['sharing'],
        summary: "Set who may see your organisation's unit positions (admin): org, partners, coalition or group:<name>",
        body: z.object({ releasability: releasabilitySchema }).strict(),
      },
      ...auth,
    },
    async (request) => {
      const actor = actorOf(request);
      const r = await setPositionSharing(store, actor, actor.org, request.body.releasability);
      return { org: actor.org, releasability: formatReleasability(r) };
    },
  );
}
