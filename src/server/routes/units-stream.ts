import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accessFacts } from '../../access/facts.ts';
import { maySeeUnitPosition } from '../../access/unit-position.ts';
import { type UnitPosition, unitPositionsOf } from '../../service/unit-positions.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { sseStreams } from '../live/sse-route.ts';
import { presentUnitPosition } from '../presenters/unit-position.ts';

/** Positions are gathered this long and sent once per unit: a unit reporting every second costs a reader one event a second at most. */
const flushMs = 1000;
const maxStreamsPerUser = 4;

const unnumbered = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Server-Sent Events: the positions of the connected TAK units the user may see (by each
 * organisation's position sharing, the one access policy), first those on the air now, then each
 * move (at most one a second per unit) and each unit leaving. Positions are ephemeral: nothing is
 * numbered or resumable, a reconnection starts with the units on the air.
 */
export function unitStreamRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = sseStreams(app, store, maxStreamsPerUser);

  r.get(
    '/api/v1/stream/units',
    {
      schema: {
        tags: ['stream'],
        summary: 'Live positions of connected TAK units you may see (Server-Sent Events)',
        description:
          'Events `unit` (`{ uid, org, callsign, type, lon, lat, at, stale }`) for each unit on the air when the stream opens and at each move, at most one a second per unit; `unit_gone` (`{ uid }`) when a unit leaves or may no longer be seen. Not resumable: positions are not kept.',
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const hub = unitPositionsOf(store);
      const stream = streams.open(request, reply);
      const res = stream.res;
      const pending = new Map<string, UnitPosition | null>();
      const shown = new Set<string>();
      for (const p of hub.list()) pending.set(p.uid, p);
      let busy = false;
      const flush = async () => {
        if (busy || pending.size === 0 || res.writableNeedDrain) return;
        busy = true;
        try {
          const facts = await accessFacts(store);
          const batch = [...pending];
          pending.clear();
          let out = '';
          for (const [uid, p] of batch) {
            if (p && maySeeUnitPosition({ org: actor.org }, p, facts)) {
              shown.add(uid);
              out += unnumbered('unit', presentUnitPosition(p));
            } else if (shown.delete(uid)) {
              out += unnumbered('unit_gone', { uid });
            }
          }
          if (out) res.write(out);
        } catch (err) {
          request.log.error({ err }, 'unit stream read failed');
        } finally {
          busy = false;
        }
      };
      const off = hub.subscribe((uid, p) => pending.set(uid, p));
      const timer = setInterval(() => void flush(), flushMs);
      stream.keepAlive();
      stream.onClose(() => {
        off();
        clearInterval(timer);
      });
      void flush();
    },
  );
}
