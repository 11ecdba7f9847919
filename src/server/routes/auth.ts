import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maxPasswordLength } from '../../domain/user.ts';
import { csrfTokenOf, login, logout } from '../../service/auth.ts';
import { actorOf, requireUser, sessionCookie, sessionCookieOptions } from '../auth.ts';
import type { ServerContext } from '../context.ts';

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(maxPasswordLength) })
  .strict();

export function authRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly session cookie',
        description:
          'Answers the `csrf_token` every cookie-authenticated write must send in the `x-csrf-token` header. Sessions end 12 hours after sign-in or after 60 minutes unused; a session token is replaced every 15 minutes (the response then carries a new cookie and the new token in `x-csrf-token`). Five failed sign-ins lock a user name for 15 minutes.',
        body: loginBody,
      },
    },
    async (request, reply) => {
      const { token, csrfToken, expiresAt, actor } = await login(
        store,
        request.body.username,
        request.body.password,
        request.ip,
      );
      void reply.setCookie(sessionCookie, token, sessionCookieOptions(request, expiresAt));
      return {
        user: { id: actor.userId, username: actor.username, org: actor.org, roles: actor.roles },
        expires_at: expiresAt,
        csrf_token: csrfToken,
      };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session' }, onRequest: requireUser },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token && request.authVia === 'cookie') await logout(store, token, actorOf(request));
      void reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in' }, onRequest: requireUser },
    async (request) => {
      const a = actorOf(request);
      const cookie = request.cookies[sessionCookie];
      return {
        id: a.userId,
        username: a.username,
        org: a.org,
        roles: a.roles,
        scope: a.scope,
        csrf_token: request.authVia === 'cookie' && cookie ? csrfTokenOf(cookie) : null,
      };
    },
  );
}
