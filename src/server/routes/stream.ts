import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessFacts } from '../../access/facts.ts';
import { SeamError } from '../../domain/errors.ts';
import { actorFromApiToken, actorFromSession } from '../../service/auth.ts';
import { tearlineGridKm } from '../../service/incident-reads.ts';
import { changesAfter, lastSeq } from '../../store/change-log.ts';
import { actorOf, requireUser, sessionCookie } from '../auth.ts';
import { presentChange } from '../change-presenter.ts';
import type { ServerContext } from '../context.ts';

const heartbeatMs = 15_000;
const maxStreamsPerUser = 10;
const batch = 500;

/** Server-Sent Events: every committed change the user may see, in commit order, resumable. */
export function streamRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const open = new Map<string, number>();
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
      const header = request.headers['last-event-id'];
      let cursor: number;
      if (typeof header === 'string' && header !== '') {
        if (!/^\d{1,15}$/.test(header))
          throw new SeamError('validation', 'Last-Event-ID: expected a sequence number', [
            { field: 'Last-Event-ID', reason: 'expected a sequence number' },
          ]);
        cursor = Number(header);
      } else {
        cursor = request.query.after ?? lastSeq(store.db);
      }
      const count = open.get(actor.userId) ?? 0;
      if (count >= maxStreamsPerUser)
        throw new SeamError('rate_limited', `at most ${maxStreamsPerUser} open streams per user`);
      open.set(actor.userId, count + 1);

      // Who the stream is for is re-checked at every heartbeat: a logout, expiry or disabled user ends it.
      const cookie = request.cookies[sessionCookie];
      const bearer = request.headers.authorization?.slice('Bearer '.length);
      const stillValid = () =>
        request.authVia === 'bearer'
          ? actorFromApiToken(store, bearer ?? '') !== null
          : actorFromSession(store, cookie ?? '') !== null;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write('retry: 2000\n: connected\n\n');

      let closed = false;
      let scheduled = false;
      let blocked = false;
      const pump = () => {
        scheduled = false;
        if (closed || blocked) return;
        const facts = accessFacts(store);
        const gridKm = tearlineGridKm(store);
        for (;;) {
          const entries = changesAfter(store.db, cursor, batch);
          for (const entry of entries) {
            cursor = entry.seq;
            const change = presentChange(entry, actor, facts, gridKm);
            if (!change) continue;
            const ok = res.write(`id: ${entry.seq}\nevent: ${change.event}\ndata: ${JSON.stringify(change.data)}\n\n`);
            if (!ok) {
              blocked = true;
              res.once('drain', () => {
                blocked = false;
                schedule();
              });
              return;
            }
          }
          if (entries.length < batch) return;
        }
      };
      const schedule = () => {
        if (scheduled || closed) return;
        scheduled = true;
        setImmediate(pump);
      };
      const off = store.bus.subscribe(schedule);
      const heartbeat = setInterval(() => {
        if (!stillValid()) {
          res.end();
          return;
        }
        res.write(': ping\n\n');
        schedule();
      }, heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        off();
        clearInterval(heartbeat);
        open.set(actor.userId, (open.get(actor.userId) ?? 1) - 1);
      };
      streams.add(res);
      res.on('close', () => {
        streams.delete(res);
        close();
      });
      schedule();
    },
  );
}
