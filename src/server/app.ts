import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { tileUrlOrigin, tileUrlProblem } from '../domain/basemap.ts';
import { SeamError } from '../domain/errors.ts';
import { startAlertEngine } from '../service/alert-engine.ts';
import type { Store } from '../store/store.ts';
import { identify } from './auth.ts';
import { compressJson } from './compression.ts';
import type { ServerContext } from './context.ts';
import { handleError } from './errors.ts';
import { Metrics, registerMetrics } from './metrics.ts';
import { activityRoutes } from './routes/activities.ts';
import { alertRoutes } from './routes/alerts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { basemapRoutes } from './routes/basemap.ts';
import { boundaryRoutes } from './routes/boundaries.ts';
import { gapRoutes } from './routes/gaps.ts';
import { incidentExportRoutes } from './routes/incident-export.ts';
import { incidentPointRoutes } from './routes/incident-points.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { placeRoutes } from './routes/places.ts';
import { referenceRoutes } from './routes/reference.ts';
import { sharingRoutes } from './routes/sharing.ts';
import { streamRoutes } from './routes/stream.ts';
import { supportRequestRoutes } from './routes/support-requests.ts';
import { systemRoutes } from './routes/system.ts';
import { unitStreamRoutes } from './routes/units-stream.ts';
import { userRoutes } from './routes/users.ts';
import { defaultWebRoot, webAppRoutes } from './routes/web-app.ts';
import { supportRequestSweep } from './support-request-sweep.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** The built browser app to serve (default: `dist/web` of the repository). */
  webRoot?: string;
  /**
   * The site's own vector tile server (`--tile-url`): a URL template with {z}, {x} and {y}, drawn as the basemap
   * instead of a loaded extract. Its origin is the one the page may fetch from besides Seam.
   */
  tileUrl?: string | null;
  /** How often overdue support requests are looked for and escalated (default 30 s). */
  overdueSweepMs?: number;
  /** More metrics for /metrics, each in the Prometheus text format (the CoT server's). */
  metricSources?: Array<() => string>;
}

/** The largest request body accepted, in bytes. */
export const bodyLimit = 1024 * 1024;

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=()',
};
// The map (MapLibre GL) runs its workers from blob: URLs and draws images from data: and blob:;
// scripts come only from our own files, never inline. The map fetches from Seam alone, or also from the
// site's own tile server when one is configured (that origin only).
const pageCsp = (tileOrigin: string | null) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    'child-src blob:',
    tileOrigin ? `connect-src 'self' ${tileOrigin}` : "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');

/** Builds the HTTP application around an open store; the caller listens (or injects, in tests). */
export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  const tileUrl = options.tileUrl ?? null;
  if (tileUrl !== null) {
    const problem = tileUrlProblem(tileUrl);
    if (problem) throw new SeamError('validation', `tile URL ${problem}`, [{ field: 'tile_url', reason: problem }]);
  }
  const csp = pageCsp(tileUrl === null ? null : tileUrlOrigin(tileUrl));
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new SeamError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
  });

  const ctx: ServerContext = { store, metrics: new Metrics(options.metricSources) };
  registerMetrics(app, ctx.metrics);
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    for (const [k, v] of Object.entries(securityHeaders)) void reply.header(k, v);
    if (!request.url.startsWith('/api/docs')) void reply.header('content-security-policy', csp);
    if (request.protocol === 'https')
      void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    return request.url.startsWith('/api/v1/') ? compressJson(request, reply, payload) : payload;
  });

  await app.register(fastifyCookie);
  app.addHook('onRequest', identify(store));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Seam API',
        version: options.version ?? '0.1.0',
        description:
          'Coordination platform for partner forces that share a boundary. Sign in with POST /api/v1/auth/login (session cookie) or send `Authorization: Bearer <token>` (see `seam token create`). Every list answers `{ items, next }`; pass `next` back as `cursor`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'seam_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(async (scope) => {
    systemRoutes(scope, ctx);
    authRoutes(scope, ctx);
    incidentRoutes(scope, ctx);
    incidentExportRoutes(scope, ctx);
    incidentPointRoutes(scope, ctx);
    referenceRoutes(scope, ctx);
    boundaryRoutes(scope, ctx);
    placeRoutes(scope, ctx);
    basemapRoutes(scope, ctx, tileUrl);
    gapRoutes(scope, ctx);
    userRoutes(scope, ctx);
    auditRoutes(scope, ctx);
    sharingRoutes(scope, ctx);
    streamRoutes(scope, ctx);
    unitStreamRoutes(scope, ctx);
    activityRoutes(scope, ctx);
    alertRoutes(scope, ctx);
    supportRequestRoutes(scope, ctx);
    scope.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    webAppRoutes(scope, options.webRoot ?? defaultWebRoot);
  });
  // The alert engine evaluates every committed change against the alert rules (catching up from the change log first).
  const alertEngine = startAlertEngine(store, { onError: (err) => app.log.error({ err }, 'alert evaluation failed') });
  app.addHook('onClose', () => alertEngine.stop());
  supportRequestSweep(app, store, options.overdueSweepMs);
  await app.ready();
  return app;
}
