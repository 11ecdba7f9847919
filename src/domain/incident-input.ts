import { z } from 'zod';
import { locationPrecisions, maxNarrativeLength, timePrecisions, verifications } from './incident.ts';
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

const eventFields = {
  type: z
    .enum(incidentTypeCodes, { error: 'unknown incident type: see GET /api/v1/taxonomy' })
    .describe('incident type code (see GET /api/v1/taxonomy)'),
  time: z.iso.datetime({ offset: true }).describe('when it happened, ISO-8601 with a time zone'),
  time_precision: z.enum(timePrecisions),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  mgrs: z.string().trim().min(2).max(30).describe('location as an MGRS reference, e.g. 38SME4465625337'),
  location_precision: z
    .enum(locationPrecisions)
    .describe('default: exact for lon/lat, from the MGRS square or the place'),
  place: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('a place name: the location itself when no lon/lat or MGRS is given (resolved through the gazetteer)'),
  narrative: z.string().max(maxNarrativeLength),
  casualties: casualtiesSchema,
  grading: z.string().regex(/^[A-F][1-6]$/, 'expected an Admiralty code such as B2'),
};

type LocationInput = { lon?: number; lat?: number; mgrs?: string; place?: string };

/** Exactly one way of giving a location: lon and lat together, an MGRS reference, or a place name alone. */
function checkLocation(v: LocationInput, ctx: z.RefinementCtx, required: boolean): void {
  const hasLon = v.lon !== undefined;
  const hasLat = v.lat !== undefined;
  if (hasLon !== hasLat) {
    ctx.addIssue({ code: 'custom', path: [hasLon ? 'lat' : 'lon'], message: 'lon and lat go together' });
  }
  if ((hasLon || hasLat) && v.mgrs !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['mgrs'], message: 'give either lon/lat or mgrs, not both' });
  }
  if (required && !hasLon && !hasLat && v.mgrs === undefined && v.place === undefined) {
    ctx.addIssue({ code: 'custom', path: ['lon'], message: 'a location is needed: lon and lat, mgrs, or place' });
  }
}

/** The body that reports a new incident: the same names appear in responses, exports and CLI flags. */
export const incidentCreateSchema = z
  .object({
    ...eventFields,
    time_precision: eventFields.time_precision.default('day'),
    lon: eventFields.lon.optional(),
    lat: eventFields.lat.optional(),
    mgrs: eventFields.mgrs.optional(),
    location_precision: eventFields.location_precision.optional(),
    place: eventFields.place.optional(),
    narrative: eventFields.narrative.default(''),
    casualties: eventFields.casualties.optional(),
    grading: eventFields.grading.optional(),
    releasability: releasabilitySchema.optional().describe("default: the organisation's default for incidents"),
    tearline: tearlineSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => checkLocation(v, ctx, true));

/** The body that corrects an incident: any of its event fields, and the version being corrected. */
export const incidentUpdateSchema = z
  .object({
    version: z.int().min(1).describe('the version you are correcting: a newer one answers 409'),
    type: eventFields.type.optional(),
    time: eventFields.time.optional(),
    time_precision: eventFields.time_precision.optional(),
    lon: eventFields.lon.optional(),
    lat: eventFields.lat.optional(),
    mgrs: eventFields.mgrs.optional(),
    location_precision: eventFields.location_precision.optional(),
    place: eventFields.place.nullable().optional(),
    narrative: eventFields.narrative.optional(),
    casualties: eventFields.casualties.optional(),
    grading: eventFields.grading.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => checkLocation({ ...v, place: v.place ?? undefined }, ctx, false));

/** The body that verifies an incident: a new status and why. */
export const verificationSchema = z
  .object({
    status: z.enum(verifications),
    reason: z.string().trim().min(3).max(2000),
    duplicate_of: z.uuid().optional().describe('with status duplicate: the incident this one repeats'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === 'duplicate' && !v.duplicate_of) {
      ctx.addIssue({ code: 'custom', path: ['duplicate_of'], message: 'a duplicate names the incident it repeats' });
    }
    if (v.status !== 'duplicate' && v.duplicate_of) {
      ctx.addIssue({ code: 'custom', path: ['duplicate_of'], message: 'only a duplicate names another incident' });
    }
  });

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
