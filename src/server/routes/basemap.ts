import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SeamError } from '../../domain/errors.ts';
import { BasemapTiles } from '../../service/basemap-tiles.ts';
import { requireUser } from '../auth.ts';
import { acceptsGzip } from '../compression.ts';
import type { ServerContext } from '../context.ts';
import { presentConfiguredBasemap, presentServedBasemap } from '../presenters/basemap.ts';

const gzipAsync = promisify(gzip);
const mvtType = 'application/vnd.mapbox-vector-tile';

const whole = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, { error: `${name} must be a whole number` })
    .transform(Number);

const tileParams = z
  .object({
    z: whole('z'),
    x: whole('x'),
    y: z
      .string()
      .regex(/^\d{1,10}\.mvt$/, { error: 'expected a whole number followed by .mvt' })
      .transform((s) => Number(s.slice(0, -4))),
  })
  .strict();
const tileQuery = z.object({ v: z.string().max(64).optional() }).strict();

function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((t) => [etag, `W/${etag}`, '*'].includes(t.trim()));
}

/** The site's basemap: its TileJSON, and the tiles of a loaded regional extract, for signed-in users. */
export function basemapRoutes(app: FastifyInstance, { store }: ServerContext, tileUrl: string | null): void {
  const tiles = new BasemapTiles(store);
  app.addHook('onClose', async () => tiles.close());
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/basemap',
    {
      schema: {
        tags: ['reference'],
        summary: 'The basemap the map draws, as TileJSON; 404 when the site has none',
        description:
          "A site's own tile server (`--tile-url`) when one is configured, otherwise the regional extract loaded with `seam basemap import` and served by Seam at `/api/v1/basemap/{z}/{x}/{y}.mvt`. Vector tiles in the Protomaps basemap schema.",
      },
      onRequest: requireUser,
    },
    async () => {
      if (tileUrl) return presentConfiguredBasemap(tileUrl);
      const served = await tiles.served();
      if (!served) throw new SeamError('not_found', 'no basemap is loaded (seam basemap import FILE.pmtiles)');
      return presentServedBasemap(served);
    },
  );

  r.get(
    '/api/v1/basemap/:z/:x/:y',
    {
      schema: {
        tags: ['reference'],
        summary: 'One vector tile (MVT) of the loaded basemap',
        description:
          'Path `/api/v1/basemap/{z}/{x}/{y}.mvt`. Answers 204 for a tile the extract covers but holds nothing for, 404 outside the extract or when none is loaded. Gzipped for clients that accept it; an ETag answers 304 for an unchanged tile.',
        params: tileParams,
        querystring: tileQuery,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const { z: zoom, x, y } = request.params;
      const answer = await tiles.tile(zoom, x, y);
      // Cached for a day only under the URL of this very file (?v=), which a new import changes.
      const cache = request.query.v === answer.version ? 'private, max-age=86400' : 'private, no-cache';
      void reply.header('cache-control', cache);
      if (answer.kind === 'empty') return reply.status(204).send();
      void reply.header('etag', answer.etag).header('vary', 'accept-encoding');
      if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.status(304).send();
      void reply.type(mvtType);
      if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(answer.data);
      const body = await gzipAsync(answer.data, { level: constants.Z_BEST_SPEED });
      return reply.header('content-encoding', 'gzip').send(body);
    },
  );
}
