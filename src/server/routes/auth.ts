import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { maxPasswordLength } from '../../domain/user.ts';
import { login, logout } from '../../service/auth.ts';
import { actorOf, requireUser, sessionCookie } from '../auth.ts';
import type { ServerContext } from '../context.ts';

const loginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(maxPasswordLength) })
  .strict();

export function authRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: 'Sign in; sets an HttpOnly session cookie', body: loginBody } },
    async (request, reply) => {
      const { token, expiresAt, actor } = await login(store, request.body.username, request.body.password, request.ip);
      void reply.setCookie(sessionCookie, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        expires: new Date(expiresAt),
      });
      return {
        user: { id: actor.userId, username: actor.username, org: actor.org, roles: actor.roles },
        expires_at: expiresAt,
      };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session' }, onRequest: requireUser },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token && request.authVia === 'cookie') logout(store, token, actorOf(request));
      void reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'Who is signed in' }, onRequest: requireUser },
    async (request) => {
      const a = actorOf(request);
      return { id: a.userId, username: a.username, org: a.org, roles: a.roles, scope: a.scope };
    },
  );
}
