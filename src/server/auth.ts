import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SeamError } from '../domain/errors.ts';
import type { Actor } from '../service/actor.ts';
import { actorFromApiToken, csrfMatches, useSession } from '../service/auth.ts';
import type { Store } from '../store/store.ts';

export const sessionCookie = 'seam_session';
/** The header a cookie-authenticated write must carry: the session's CSRF token (from sign-in or /auth/me). */
export const csrfHeader = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves the same to everyone (the web app's files): no session is looked up or kept alive. */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor was recognised: a session cookie needs CSRF protection, a bearer token does not. */
    authVia: 'cookie' | 'bearer' | null;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Recognises the user of a request from its bearer token or session cookie, without requiring one. */
export function identify(store: Store) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.actor = null;
    request.authVia = null;
    if (request.routeOptions.config.anonymous) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
      const actor = m ? await actorFromApiToken(store, m[1]) : null;
      if (!actor) throw new SeamError('unauthenticated', 'the bearer token is invalid, expired or revoked');
      request.actor = actor;
      request.authVia = 'bearer';
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie && /^ses_[A-Za-z0-9_-]{43}$/.test(cookie)) {
      const use = await useSession(store, cookie);
      if (use) {
        request.actor = use.actor;
        request.authVia = 'cookie';
        if (use.rotated) {
          void reply.setCookie(sessionCookie, use.rotated.token, sessionCookieOptions(request, use.rotated.expiresAt));
          void reply.header(csrfHeader, use.rotated.csrfToken);
        }
      }
    }
  };
}

/** The session cookie: HttpOnly (scripts never read it), SameSite=Strict, Secure over HTTPS. */
export function sessionCookieOptions(request: FastifyRequest, expiresAt: string) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
    path: '/',
    expires: new Date(expiresAt),
  };
}

/**
 * Requires a signed-in user. A cookie-authenticated write must also prove it comes from our own
 * pages: the session's CSRF token in a header (which another site can neither read nor set), a
 * JSON content type and, when present, a same-origin Origin header; SameSite=Strict adds to it.
 */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.actor) throw new SeamError('unauthenticated', 'sign in or send a bearer token');
  if (request.authVia === 'cookie' && unsafeMethods.has(request.method)) {
    const type = request.headers['content-type'] ?? '';
    const origin = request.headers.origin;
    const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.host}`;
    const token = request.headers[csrfHeader];
    const cookie = request.cookies[sessionCookie] ?? '';
    if (typeof token !== 'string' || !csrfMatches(cookie, token)) {
      throw new SeamError('forbidden', `cross-site request refused: send the session's CSRF token in ${csrfHeader}`);
    }
    if (!type.startsWith('application/json') || !sameOrigin) {
      throw new SeamError('forbidden', 'cross-site request refused: send JSON from the Seam origin');
    }
  }
}

/** The actor of a request that passed `requireUser`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new SeamError('unauthenticated', 'sign in or send a bearer token');
  return request.actor;
}
