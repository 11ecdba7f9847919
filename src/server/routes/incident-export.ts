import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormats, exportIncidents, exportMediaTypes } from '../../service/incident-export.ts';
import { actorOf, requireUser } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { incidentFilterOf, incidentFilterQuery } from '../incident-filter.ts';
import { presentIncident } from '../presenters/incident.ts';

const exportQuery = z
  .object({
    format: z.enum(exportFormats).describe('geojson (FeatureCollection), csv (ACLED columns) or kml'),
    ...incidentFilterQuery,
  })
  .strict();

export function incidentExportRoutes(app: FastifyInstance, { store }: ServerContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/incidents/export',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Download the incidents you may see whole, as GeoJSON, CSV or KML',
        description:
          "Streams every incident matching the filters (the same as `GET /api/v1/incidents`) that you may see whole, newest first, as a file download. Tearlines are never exported: an export is a copy of records, and a tearline is not one, so an incident you may see only as its tearline is left out. CSV follows ACLED’s column layout, starts with a byte order mark and neutralises formula-like cells (`=…` becomes `'=…`). Every export is audited (`incidents.export`) with its format, filters and how many records left the server.",
        querystring: exportQuery,
      },
      onRequest: requireUser,
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const pieces = exportIncidents(store, actorOf(request), incidentFilterOf(filter), format, presentIncident);
      const day = store.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', exportMediaTypes[format])
        .header('content-disposition', `attachment; filename="seam-incidents-${day}.${format}"`)
        .send(Readable.from(pieces, { objectMode: false }));
    },
  );
}
