import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { requirePermission, roles } from '../../domain/roles.ts';
import { maxPasswordLength } from '../../domain/user.ts';
import { addUser, disableUser, enableUser, setPassword, setRoles, usersOf } from '../../service/users.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentUser } from '../presenters/records.ts';

const rolesField = z.array(z.enum(roles)).min(1).max(roles.length);

const newUserBody = z
  .object({
    username: z.string().min(2).max(64),
    roles: rolesField,
    password: z.string().min(1).max(maxPasswordLength),
  })
  .strict();

const usernameParams = z.object({ username: z.string().min(1).max(64) }).strict();

const userChangeBody = z
  .object({
    roles: rolesField.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const passwordBody = z.object({ password: z.string().min(1).max(maxPasswordLength) }).strict();

/** Users of the administrator's own organisation. */
export function userRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: 'Users of your organisation (admin)' }, onRequest: requireUser },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor.roles, 'user:write');
      return { items: (await usersOf(store, actor.org)).map(presentUser), next: null };
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

  r.patch(
    '/api/v1/users/:username',
    {
      schema: {
        tags: ['users'],
        summary: "Change a user's roles, or disable or enable them (admin)",
        description:
          'Disabling ends every session of the user and stops their API tokens; each change is audited (`user.roles`, `user.disable`, `user.enable`).',
        params: usernameParams,
        body: userChangeBody,
      },
      onRequest: requireUser,
    },
    async (request) => {
      const actor = actorOf(request);
      requirePermission(actor.roles, 'user:write');
      const { username } = request.params;
      const { roles: newRoles, disabled } = request.body;
      if (newRoles === undefined && disabled === undefined) throw invalid('body', 'give roles, disabled or both');
      if (newRoles !== undefined) await setRoles(store, actor, username, newRoles);
      if (disabled === true) await disableUser(store, actor, username);
      if (disabled === false) await enableUser(store, actor, username);
      const user = (await usersOf(store, actor.org)).find((u) => u.username === username);
      return presentUser(user as NonNullable<typeof user>);
    },
  );

  r.post(
    '/api/v1/users/:username/password',
    {
      schema: {
        tags: ['users'],
        summary: "Reset a user's password (admin)",
        description: 'Ends every session of the user; audited as `user.password` (never the password itself).',
        params: usernameParams,
        body: passwordBody,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requirePermission(actor.roles, 'user:write');
      await setPassword(store, actor, request.params.username, request.body.password);
      return reply.status(204).send();
    },
  );
}
