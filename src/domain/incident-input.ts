import { z } from 'zod';
import { locationPrecisions, maxNarrativeLength, timePrecisions } from './incident.ts';
import { incidentTypeCodes } from './taxonomy.ts';
import { maxTearlineSummaryLength } from './tearline.ts';

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

export const releasabilitySchema = z
  .string()
  .regex(
    /^(org|partners|coalition|group:[a-z0-9][a-z0-9_-]{0,63})$/,
    'expected org, partners, coalition or group:<name>',
  );

export const tearlineSchema = z
  .object({
    releasability: releasabilitySchema,
    summary: z.string().trim().max(maxTearlineSummaryLength).optional(),
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
    releasability: releasabilitySchema.optional().describe("default: the organisation's default for incidents"),
    tearline: tearlineSchema.optional(),
  })
  .strict();

/** The body that changes who may see an incident, and its tearline. */
export const releasabilityChangeSchema = z
  .object({
    releasability: releasabilitySchema,
    reason: z.string().trim().min(3).max(1000).optional().describe('required when the audience widens'),
    tearline: tearlineSchema.nullable().optional().describe('a new tearline, null to remove it, absent to keep it'),
  })
  .strict();

export type IncidentCreateInput = z.input<typeof incidentCreateSchema>;
export type IncidentCreate = z.output<typeof incidentCreateSchema>;
