import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeReadContext } from '../../service/change-reads.ts';
import { actorOf, requireUser } from '../auth.ts';
import { presentChange } from '../change-presenter.ts';
import type { ServerContext } from '../context.ts';
import { presentSeq, startChangePump } from '../live/change-pump.ts';
import { resumeCursor } from '../live/resume-cursor.ts';
import { sseEvent } from '../live/sse.ts';
import { sseHeartbeatMs, sseStreams } from '../live/sse-route.ts';

const maxStreamsPerUser = 10;

/** Server-Sent Events: every committed change the user may see, in commit order, resumable. */
export function streamRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = sseStreams(app, store, maxStreamsPerUser);

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
      const stream = streams.open(request, reply);
      const res = stream.res;
      const stop = startChangePump({
        store,
        after,
        presenter: async (entries) => {
          const context = await changeReadContext(store, entries);
          return (entry) => presentChange(entry, actor, context);
        },
        send: (seq, change) => res.write(sseEvent(seq, change.event, change.data)),
        onDrain: (resume) => res.once('drain', resume),
        // Who the stream is for is re-checked at every heartbeat: a logout, expiry or disabled user ends it.
        stillValid: stream.stillValid,
        heartbeat: { everyMs: sseHeartbeatMs, send: () => res.write(': ping\n\n') },
        end: () => res.end(),
        onError: (err) => request.log.error({ err }, 'live stream read failed'),
      });
      stream.onClose(stop);
    },
  );
}
