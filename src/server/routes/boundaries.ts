import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminLevel } from '../../domain/admin-boundary.ts';
import { boundaryMap, boundaryMapVersion } from '../../service/boundary-map.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentBoundaryCollection } from '../presenters/boundaries.ts';

type Store = ServerContext['store'];

const boundariesQuery = z
  .object({
    level: z
      .enum(['1', '2', '3'], { error: 'expected 1 (governorates), 2 (districts) or 3 (sub-districts)' })
      .transform((l) => Number(l) as AdminLevel),
  })
  .strict();

interface Presented {
  version: number;
  etag: string;
  body: string;
}

// The presented collection of each level, kept until a boundary changes: simplifying and
// serialising hundreds of polygons on every map load would cost more than the request itself.
const cache = new WeakMap<Store, Map<AdminLevel, Presented>>();

async function presented(store: Store, level: AdminLevel): Promise<Presented> {
  const version = await boundaryMapVersion(store);
  let byLevel = cache.get(store);
  if (!byLevel) {
    byLevel = new Map();
    cache.set(store, byLevel);
  }
  const hit = byLevel.get(level);
  if (hit && hit.version === version) return hit;
  const body = JSON.stringify(presentBoundaryCollection(await boundaryMap(store, level)));
  // The hash as well as the version: a new Seam release may draw the same boundaries differently.
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  const entry = { version, etag: `"b${level}-${version}-${hash}"`, body };
  byLevel.set(level, entry);
  return entry;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Administrative boundaries for the map's basemap. */
export function boundaryRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/boundaries',
    {
      schema: {
        tags: ['reference'],
        summary: 'Loaded administrative boundaries of one level, as GeoJSON for the map',
        description:
          'A FeatureCollection; each feature has `pcode`, `name_en`, `name_ar`, `level`, `parent_pcode` and `label` (a [lon, lat] inside the polygon for its label). Polygons are simplified (Douglas–Peucker: 0.01° for governorates, 0.005° for districts, 0.002° for sub-districts) and rounded to 5 decimals. Answers an ETag: send it back in If-None-Match to get 304 while the boundaries are unchanged.',
        querystring: boundariesQuery,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const p = await presented(store, request.query.level);
      void reply.header('etag', p.etag).header('cache-control', 'private, max-age=0, must-revalidate');
      if (matchesEtag(request.headers['if-none-match'], p.etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(p.body);
    },
  );
}
