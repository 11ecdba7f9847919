import { z } from 'zod';
import { releasabilitySchema } from './incident-input.ts';
import {
  maxDetailsLength,
  maxReplyLength,
  medevacEquipment,
  medevacMarking,
  medevacNbc,
  medevacSecurity,
  supportRequestKinds,
  supportRequestPriorities,
} from './support-request.ts';

const patients = z.int().min(0).max(99);
const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'expected a code of lower-case letters, digits, - or _');

/** The MEDEVAC 9-line fields (line 1, the pick-up site, is the request's location). */
export const medevacSchema = z
  .object({
    frequency: z.string().trim().min(1).max(40).describe('line 2: radio frequency at the pick-up site'),
    call_sign: z.string().trim().min(1).max(40).describe('line 2: call sign at the pick-up site'),
    patients_by_precedence: z
      .object({
        urgent: patients.default(0),
        urgent_surgical: patients.default(0),
        priority: patients.default(0),
        routine: patients.default(0),
        convenience: patients.default(0),
      })
      .strict()
      .describe('line 3: number of patients by precedence'),
    equipment: z
      .array(z.enum(medevacEquipment))
      .min(1)
      .max(4)
      .describe('line 4: special equipment needed (none, or any of hoist, extraction, ventilator)'),
    litter: patients.describe('line 5: patients on litters'),
    ambulatory: patients.describe('line 5: ambulatory patients'),
    security: z.enum(medevacSecurity).describe('line 6: security at the pick-up site'),
    marking: z.enum(medevacMarking).describe('line 7: how the pick-up site is marked'),
    patients_by_status: z
      .object({
        own_military: patients.default(0),
        own_civilian: patients.default(0),
        partner_military: patients.default(0),
        partner_civilian: patients.default(0),
        detainee: patients.default(0),
      })
      .strict()
      .describe('line 8: patients by nationality and status'),
    nbc: z.enum(medevacNbc).describe('line 9: NBC contamination'),
    terrain: z.string().trim().max(200).default('').describe('line 9: terrain at the pick-up site'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const p = m.patients_by_precedence;
    const total = p.urgent + p.urgent_surgical + p.priority + p.routine + p.convenience;
    if (total === 0)
      ctx.addIssue({ code: 'custom', path: ['patients_by_precedence'], message: 'at least one patient is needed' });
    if (m.litter + m.ambulatory !== total)
      ctx.addIssue({
        code: 'custom',
        path: ['litter'],
        message: `litter and ambulatory patients must add up to the ${total} patients of line 3`,
      });
    const s = m.patients_by_status;
    if (s.own_military + s.own_civilian + s.partner_military + s.partner_civilian + s.detainee !== total)
      ctx.addIssue({
        code: 'custom',
        path: ['patients_by_status'],
        message: `patients by status must add up to the ${total} patients of line 3`,
      });
    if (m.equipment.includes('none') && m.equipment.length > 1)
      ctx.addIssue({ code: 'custom', path: ['equipment'], message: '"none" goes alone' });
    if (new Set(m.equipment).size !== m.equipment.length)
      ctx.addIssue({ code: 'custom', path: ['equipment'], message: 'each item once' });
  });

export type MedevacInput = z.infer<typeof medevacSchema>;

/** What a new support request is made from: the API's body, and the CLI's options named the same. */
export const supportRequestCreateSchema = z
  .object({
    kind: z.enum(supportRequestKinds).describe('isr, logistics, medevac, eod, qrf, engineering or other'),
    addressed_org: code.optional().describe('the organisation asked (give this or addressed_jcc)'),
    addressed_jcc: code.optional().describe('the JCC asked: any of its member organisations may answer'),
    priority: z
      .enum(supportRequestPriorities)
      .describe('urgent, priority or routine: sets the response deadline (site settings)'),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    mgrs: z.string().trim().min(2).max(30).optional().describe('location as an MGRS reference instead of lon/lat'),
    needed_at: z.iso.datetime({ offset: true }).describe('when the support is needed, ISO-8601 with a time zone'),
    needed_until: z.iso
      .datetime({ offset: true })
      .nullable()
      .default(null)
      .describe('until when (at most 30 days after needed_at)'),
    details: z.string().trim().max(maxDetailsLength).default(''),
    medevac: medevacSchema.optional().describe('the MEDEVAC 9-line fields: required for kind medevac, only for it'),
    linked_incident: z.uuid().nullable().default(null).describe('an incident you may see that the request is about'),
    releasability: releasabilitySchema
      .default('org')
      .describe('who besides the requester and the addressee may read it (default org: nobody else)'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.addressed_org === undefined) === (v.addressed_jcc === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['addressed_org'],
        message: 'give exactly one of addressed_org and addressed_jcc',
      });
    const hasLon = v.lon !== undefined;
    if (hasLon !== (v.lat !== undefined))
      ctx.addIssue({ code: 'custom', path: [hasLon ? 'lat' : 'lon'], message: 'lon and lat go together' });
    if (hasLon && v.mgrs !== undefined)
      ctx.addIssue({ code: 'custom', path: ['mgrs'], message: 'give either lon/lat or mgrs, not both' });
    if (!hasLon && v.lat === undefined && v.mgrs === undefined)
      ctx.addIssue({ code: 'custom', path: ['lon'], message: 'a location is needed: lon and lat, or mgrs' });
    if (v.kind === 'medevac' && v.medevac === undefined)
      ctx.addIssue({ code: 'custom', path: ['medevac'], message: 'a MEDEVAC request needs its 9-line fields' });
    if (v.kind !== 'medevac' && v.medevac !== undefined)
      ctx.addIssue({ code: 'custom', path: ['medevac'], message: 'only a MEDEVAC request carries 9-line fields' });
    if (v.needed_until !== null) {
      const span = Date.parse(v.needed_until) - Date.parse(v.needed_at);
      if (span <= 0) ctx.addIssue({ code: 'custom', path: ['needed_until'], message: 'must be after needed_at' });
      else if (span > 30 * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['needed_until'], message: 'at most 30 days after needed_at' });
    }
  });

export type SupportRequestCreate = z.infer<typeof supportRequestCreateSchema>;

const reply = z.string().trim().min(1).max(maxReplyLength);

/** The body of each step: what it carries, and nothing else. */
export const stepBodySchemas = {
  accept: z.object({}).strict(),
  decline: z.object({ reason: reply.describe('why the request is declined') }).strict(),
  needs_information: z.object({ question: reply.describe('what the addressee needs to know') }).strict(),
  answer: z.object({ answer: reply.describe('the answer to the question') }).strict(),
  assign: z.object({ unit: reply.describe('the unit that will give the support') }).strict(),
  start: z.object({}).strict(),
  complete: z.object({}).strict(),
  cancel: z.object({ reason: reply.optional().describe('why it is no longer needed') }).strict(),
} as const;
