import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorFromApiToken, actorFromSession } from '../../service/auth.ts';
import { changeReadContext } from '../../service/change-reads.ts';
import { actorOf, requireUser, sessionCookie } from '../auth.ts';
import { presentChange } from '../change-presenter.ts';
import type { ServerContext } from '../context.ts';
import { presentSeq, startChangePump } from '../live/change-pump.ts';
import { resumeCursor } from '../live/resume-cursor.ts';
import { openSseResponse, sseEvent } from '../live/sse.ts';
import { StreamSlots } from '../live/stream-slots.ts';

const heartbeatMs = 15_000;
const maxStreamsPerUser = 10;

/** Server-Sent Events: every committed change the user may see, in commit order, resumable. */
export function streamRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const slots = new StreamSlots(maxStreamsPerUser);
  const streams = new Set<ServerResponse>();
  // End open streams before the server closes, or closing would wait for them forever.
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  r.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['stream'],
        summary: 'Live stream of changes you may see (Server-Sent Events)',
        description:
          'Each event has `id` = the change-log sequence number, `event` = the record type and `data` = `{ seq, op, at, record }`, the record presented exactly as the REST API presents it to you (or its tearline). Reconnect with `Last-Event-ID` (or `?after=`) to resume after the last event you received; without either the stream starts at the present. Changes you may not see are skipped.',
        querystring: z.object({ after: z.coerce.number().int().min(0).optional() }).strict(),
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const present = await presentSeq(store);
      const after = resumeCursor(request.headers['last-event-id'], request.query.after, () => present);
      const release = slots.acquire(actor.userId);

      // Who the stream is for is re-checked at every heartbeat: a logout, expiry or disabled user ends it.
      const cookie = request.cookies[sessionCookie];
      const bearer = request.headers.authorization?.slice('Bearer '.length);
      const stillValid = async () =>
        request.authVia === 'bearer'
          ? (await actorFromApiToken(store, bearer ?? '')) !== null
          : (await actorFromSession(store, cookie ?? '')) !== null;

      reply.hijack();
      const res = reply.raw;
      openSseResponse(res, request.id, 2000);
      const stop = startChangePump({
        store,
        after,
        presenter: async (entries) => {
          const context = await changeReadContext(store, entries);
          return (entry) => presentChange(entry, actor, context);
        },
        send: (seq, change) => res.write(sseEvent(seq, change.event, change.data)),
        onDrain: (resume) => res.once('drain', resume),
        stillValid,
        heartbeat: { everyMs: heartbeatMs, send: () => res.write(': ping\n\n') },
        end: () => res.end(),
        onError: (err) => request.log.error({ err }, 'live stream read failed'),
      });
      streams.add(res);
      res.on('close', () => {
        streams.delete(res);
        stop();
        release();
      });
    },
  );
}
