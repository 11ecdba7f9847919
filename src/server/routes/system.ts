import type { FastifyInstance } from 'fastify';
import { changeLogPosition } from '../../service/reference.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';

export function systemRoutes(app: FastifyInstance, { store, metrics }: ServerContext): void {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => ({
    status: 'ok',
    change_log_seq: await changeLogPosition(store),
  }));

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics' }, onRequest: requireUser },
    async (_request, reply) => reply.type('text/plain; version=0.0.4').send(await metrics.render(store)),
  );
}
