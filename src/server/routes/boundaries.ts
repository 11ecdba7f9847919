import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminLevel } from '../../domain/admin-boundary.ts';
import { boundaryMap, boundaryMapVersion } from '../../service/boundary-map.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentBoundaryCollection } from '../presenters/boundaries.ts';
import { sendVersioned, type VersionedAnswer, versionedAnswer } from '../versioned-answer.ts';

type Store = ServerContext['store'];

const boundariesQuery = z
  .object({
    level: z
      .enum(['1', '2', '3'], { error: 'expected 1 (governorates), 2 (districts) or 3 (sub-districts)' })
      .transform((l) => Number(l) as AdminLevel),
  })
  .strict();

// The presented collection of each level, kept until a boundary changes: simplifying and
// serialising hundreds of polygons on every map load would cost more than the request itself.
const cache = new WeakMap<Store, Map<AdminLevel, VersionedAnswer>>();

function levelCache(store: Store, level: AdminLevel) {
  let byLevel = cache.get(store);
  if (!byLevel) {
    byLevel = new Map();
    cache.set(store, byLevel);
  }
  const levels = byLevel;
  return { get: () => levels.get(level), set: (a: VersionedAnswer) => void levels.set(level, a) };
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
      const level = request.query.level;
      const answer = await versionedAnswer(
        levelCache(store, level),
        await boundaryMapVersion(store),
        `b${level}`,
        async () => presentBoundaryCollection(await boundaryMap(store, level)),
      );
      return sendVersioned(request, reply, answer);
    },
  );
}
