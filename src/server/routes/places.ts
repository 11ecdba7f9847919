import type { FastifyInstance } from 'fastify';
import { listGazetteerPlaces, placesVersion } from '../../service/places.ts';
import { requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { presentPlaceCollection } from '../presenters/places.ts';
import { sendVersioned, type VersionedAnswer, versionedAnswer } from '../versioned-answer.ts';

// Every map load asks for the places: serialise them once per change of the gazetteer.
const cache = new WeakMap<ServerContext['store'], VersionedAnswer>();

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
      const answer = await versionedAnswer(
        { get: () => cache.get(store), set: (a) => cache.set(store, a) },
        await placesVersion(store),
        'p',
        async () => presentPlaceCollection(await listGazetteerPlaces(store)),
      );
      return sendVersioned(request, reply, answer);
    },
  );
}
