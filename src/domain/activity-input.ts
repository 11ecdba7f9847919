import { z } from 'zod';
import { activityLimits, activityStates } from './activity.ts';
import { releasabilitySchema, tearlineSchema } from './incident-input.ts';

/** A position given by lon/lat, an MGRS reference or a place name of the gazetteer. */
export const positionInputSchema = z.union([
  z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe('[lon, lat]'),
  z.object({ mgrs: z.string().trim().min(2).max(30) }).strict(),
  z.object({ place: z.string().trim().min(1).max(200) }).strict(),
]);
export type PositionInput = z.infer<typeof positionInputSchema>;

const points = z.array(positionInputSchema).max(activityLimits.maxVertices);

export const areaInputSchema = z.discriminatedUnion('shape', [
  z
    .object({
      shape: z.literal('point'),
      at: positionInputSchema,
      radius_km: z.number().positive().max(activityLimits.maxRadiusKm),
    })
    .strict(),
  z
    .object({
      shape: z.literal('route'),
      points: points.min(2),
      buffer_km: z.number().positive().max(activityLimits.maxBufferKm),
    })
    .strict(),
  z.object({ shape: z.literal('polygon'), points: points.min(3) }).strict(),
]);
export type AreaInput = z.infer<typeof areaInputSchema>;

const orgCode = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'an organisation code');
const time = z.iso.datetime({ offset: true });

const planFields = {
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a kind code')
    .describe(
      'patrol, operation, movement, checkpoint_setup, exercise, air_isr, or a kind the site adds (setting activity_kinds_extra)',
    ),
  owner_orgs: z
    .array(orgCode)
    .min(1)
    .max(activityLimits.maxOwners)
    .describe('the owner organisations, yours first; two or more make a joint activity each must approve'),
  unit: z.string().trim().min(1).max(activityLimits.maxUnitLength),
  area: areaInputSchema,
  place: z.string().trim().max(200).nullable(),
  start: time,
  end: time,
  recurrence: z
    .object({ until: z.iso.date().describe('last day of a daily recurrence (YYYY-MM-DD)') })
    .strict()
    .nullable(),
  contact: z.string().trim().max(activityLimits.maxContactLength).nullable().describe('who to call at the JCC'),
  jcc: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/)
    .describe('JCC code; derived from the area when not given'),
  releasability: releasabilitySchema,
  tearline: tearlineSchema.nullable(),
};

export const activityCreateSchema = z
  .object({
    ...planFields,
    owner_orgs: planFields.owner_orgs.optional(),
    place: planFields.place.optional(),
    recurrence: planFields.recurrence.optional(),
    contact: planFields.contact.optional(),
    jcc: planFields.jcc.optional(),
    releasability: planFields.releasability.optional(),
    tearline: planFields.tearline.optional(),
  })
  .strict();
export type ActivityCreate = z.infer<typeof activityCreateSchema>;

export const activityUpdateSchema = z
  .object({
    version: z.int().min(1).describe('the version you are changing'),
    kind: planFields.kind.optional(),
    unit: planFields.unit.optional(),
    area: planFields.area.optional(),
    place: planFields.place.optional(),
    start: planFields.start.optional(),
    end: planFields.end.optional(),
    recurrence: planFields.recurrence.optional(),
    contact: planFields.contact.optional(),
    releasability: planFields.releasability.optional(),
    tearline: planFields.tearline.optional(),
  })
  .strict();
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;

export const activityResponseSchema = z
  .object({ comment: z.string().trim().max(activityLimits.maxCommentLength).optional() })
  .strict();

export const activityConcernSchema = z
  .object({ comment: z.string().trim().min(1).max(activityLimits.maxCommentLength).describe('what the concern is') })
  .strict();

export const activityListQuery = {
  state: z.enum(activityStates).optional(),
  from: time.optional().describe('activities running at or after this time'),
  to: time.optional().describe('activities running before this time'),
  org: orgCode.optional().describe('an owner organisation'),
};
