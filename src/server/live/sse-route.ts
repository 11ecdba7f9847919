import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromApiToken, actorFromSession } from '../../service/auth.ts';
import type { Store } from '../../store/store.ts';
import { actorOf, sessionCookie } from '../auth.ts';
import { openSseResponse } from './sse.ts';
import { StreamSlots } from './stream-slots.ts';

/** How often an open stream is pinged and who it is for re-checked. */
export const sseHeartbeatMs = 15_000;
const retryMs = 2000;

/** One opened event stream. */
export interface OpenSseStream {
  res: ServerResponse;
  /** Whether the session or token the stream was opened with still names an enabled user. */
  stillValid: () => Promise<boolean>;
  /** Runs `cleanup` when the stream closes, for whatever reason. */
  onClose: (cleanup: () => void) => void;
  /** Pings every heartbeat and ends the stream once `stillValid` answers false (a logout, expiry or disabled user). */
  keepAlive: () => void;
}

/** The open event streams of one route: at most `maxPerUser` for each user, all ended before the server closes. */
export function sseStreams(
  app: FastifyInstance,
  store: Store,
  maxPerUser: number,
): { open: (request: FastifyRequest, reply: FastifyReply) => OpenSseStream } {
  const slots = new StreamSlots(maxPerUser);
  const streams = new Set<ServerResponse>();
  // End open streams before the server closes, or closing would wait for them forever.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
  return {
    /** Takes one of the user's slots (or throws `rate_limited`), then takes over the reply as an event stream. */
    open(request, reply) {
      const release = slots.acquire(actorOf(request).userId);
      const stillValid = sessionStillValid(store, request);
      reply.hijack();
      const res = reply.raw;
      openSseResponse(res, request.id, retryMs);
      streams.add(res);
      res.on('close', () => {
        streams.delete(res);
        release();
      });
      const onClose = (cleanup: () => void) => void res.on('close', cleanup);
      const keepAlive = () => {
        const heartbeat = setInterval(() => {
          stillValid().then(
            (valid) => (valid ? res.write(': ping\n\n') : res.end()),
            () => res.end(),
          );
        }, sseHeartbeatMs);
        onClose(() => clearInterval(heartbeat));
      };
      return { res, stillValid, onClose, keepAlive };
    },
  };
}

/** Re-checks the credential the request came with (its session cookie or API token), not the actor found then. */
function sessionStillValid(store: Store, request: FastifyRequest): () => Promise<boolean> {
  const cookie = request.cookies[sessionCookie];
  const bearer = request.headers.authorization?.slice('Bearer '.length);
  return async () =>
    request.authVia === 'bearer'
      ? (await actorFromApiToken(store, bearer ?? '')) !== null
      : (await actorFromSession(store, cookie ?? '')) !== null;
}
