import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SeamError } from '../domain/errors.ts';
import type { Actor } from '../service/actor.ts';
import { actorFromApiToken, actorFromSession } from '../service/auth.ts';
import type { Store } from '../store/store.ts';

export const sessionCookie = 'seam_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor was recognised: a session cookie needs CSRF protection, a bearer token does not. */
    authVia: 'cookie' | 'bearer' | null;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Recognises the user of a request from its bearer token or session cookie, without requiring one. */
export function identify(store: Store) {
  return async (request: FastifyRequest): Promise<void> => {
    request.actor = null;
    request.authVia = null;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
      const actor = m ? actorFromApiToken(store, m[1]) : null;
      if (!actor) throw new SeamError('unauthenticated', 'the bearer token is invalid, expired or revoked');
      request.actor = actor;
      request.authVia = 'bearer';
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie && /^ses_[A-Za-z0-9_-]{43}$/.test(cookie)) {
      const actor = actorFromSession(store, cookie);
      if (actor) {
        request.actor = actor;
        request.authVia = 'cookie';
      }
    }
  };
}

/**
 * Requires a signed-in user. A cookie-authenticated write must also come from our own pages:
 * a JSON content type (which a cross-site form cannot send) and, when present, a same-origin
 * Origin header; with SameSite=Strict this closes the usual cross-site request forgery routes.
 */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.actor) throw new SeamError('unauthenticated', 'sign in or send a bearer token');
  if (request.authVia === 'cookie' && unsafeMethods.has(request.method)) {
    const type = request.headers['content-type'] ?? '';
    const origin = request.headers.origin;
    const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.host}`;
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
