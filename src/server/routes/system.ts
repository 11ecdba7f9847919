import type { FastifyInstance } from 'fastify';
import { lastSeq } from '../../store/change-log.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';

const homePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seam</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}a{color:#0b57d0}code{background:#eef1f4;padding:0 .25rem}</style>
</head><body>
<h1>Seam</h1>
<p>Coordination platform for partner forces that share a boundary: shared reports, coverage gaps, deconfliction and support requests.</p>
<ul>
<li><a href="/api/docs">API documentation</a> (<a href="/api/v1/openapi.json">OpenAPI 3.1</a>)</li>
<li>Sign in with <code>POST /api/v1/auth/login</code>, then read <code>GET /api/v1/incidents</code>.</li>
<li><a href="/healthz">Health</a></li>
</ul>
</body></html>`;

export function systemRoutes(app: FastifyInstance, { store, metrics }: ServerContext): void {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage),
  );

  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness and database check' } }, async () => ({
    status: 'ok',
    change_log_seq: lastSeq(store.db),
  }));

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics' }, onRequest: requireUser },
    async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render(store)),
  );
}
