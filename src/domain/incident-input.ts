import { z } from 'zod';
import { locationPrecisions, maxNarrativeLength, timePrecisions } from './incident.ts';
import { incidentTypeCodes } from './taxonomy.ts';

const count = z.int().min(0).max(100_000);

export const casualtyCountsSchema = z
  .object({ killed: count.default(0), wounded: count.default(0), abducted: count.default(0) })
  .strict();

export const casualtiesSchema = z
  .object({
    forces: z
      .array(
        z
          .object({ org: z.string().max(32) })
          .extend(casualtyCountsSchema.shape)
          .strict(),
      )
      .max(20)
      .default([]),
    civilians: casualtyCountsSchema.default({ killed: 0, wounded: 0, abducted: 0 }),
  })
  .strict();

/** The body that reports a new incident: the same names appear in responses, exports and CLI flags. */
export const incidentCreateSchema = z
  .object({
    type: z
      .enum(incidentTypeCodes, { error: 'unknown incident type: see GET /api/v1/taxonomy' })
      .describe('incident type code (see GET /api/v1/taxonomy)'),
    time: z.iso.datetime({ offset: true }).describe('when it happened, ISO-8601 with a time zone'),
    time_precision: z.enum(timePrecisions).default('day'),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    location_precision: z.enum(locationPrecisions).default('exact'),
    place: z.string().trim().min(1).max(200).optional(),
    narrative: z.string().max(maxNarrativeLength).default(''),
    casualties: casualtiesSchema.optional(),
    grading: z
      .string()
      .regex(/^[A-F][1-6]$/, 'expected an Admiralty code such as B2')
      .optional(),
    releasability: z
      .string()
      .regex(
        /^(org|partners|coalition|group:[a-z0-9][a-z0-9_-]{0,63})$/,
        'expected org, partners, coalition or group:<name>',
      )
      .optional(),
  })
  .strict();

export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
export type IncidentCreate = z.output<typeof incidentCreateSchema>;
