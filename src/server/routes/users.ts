import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission, roles } from '../../domain/roles.ts';
import { maxPasswordLength } from '../../domain/user.ts';
import { addUser, usersOf } from '../../service/users.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentUser } from '../presenters/records.ts';

const newUserBody = z
  .object({
    username: z.string().min(2).max(64),
    roles: z.array(z.enum(roles)).min(1).max(roles.length),
    password: z.string().min(1).max(maxPasswordLength),
  })
  .strict();

/** Users of the administrator's own organisation. */
export function userRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: 'Users of your organisation (admin)' }, onRequest: requireUser },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor.roles, 'user:write');
      return { items: usersOf(store, actor.org).map(presentUser), next: null };
    },
  );

  r.post(
    '/api/v1/users',
    {
      schema: { tags: ['users'], summary: 'Add a user to your organisation (admin)', body: newUserBody },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await addUser(store, actor, { ...request.body, org: actor.org });
      return reply.status(201).send(presentUser(user));
    },
  );
}
