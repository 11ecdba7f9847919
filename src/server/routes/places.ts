import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { listGazetteerPlaces, placesVersion } from '../../service/places.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentPlaceCollection } from '../presenters/places.ts';

interface Presented {
  version: number;
  etag: string;
  body: string;
}

// Every map load asks for the places: serialise them once per change of the gazetteer.
const cache = new WeakMap<ServerContext['store'], Presented>();

async function presented(store: ServerContext['store']): Promise<Presented> {
  const version = await placesVersion(store);
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit;
  const body = JSON.stringify(presentPlaceCollection(await listGazetteerPlaces(store)));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  const entry = { version, etag: `"p-${version}-${hash}"`, body };
  cache.set(store, entry);
  return entry;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** The gazetteer of populated places, for the map's town names. */
export function placeRoutes(app: FastifyInstance, { store }: ServerContext): void {
  app.get(
    '/api/v1/places',
    {
      schema: {
        tags: ['reference'],
        summary: 'Populated places of the gazetteer, as GeoJSON for the map',
        description:
          'A FeatureCollection of points, most prominent first; each has `id`, `name_en`, `name_ar`, `name_ckb` (null where unknown), `population` (or null) and `rank` (1 major city … 4 village). Answers an ETag: send it back in If-None-Match to get 304 while the places are unchanged.',
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const p = await presented(store);
      void reply.header('etag', p.etag).header('cache-control', 'private, max-age=0, must-revalidate');
      if (matchesEtag(request.headers['if-none-match'], p.etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(p.body);
    },
  );
}
