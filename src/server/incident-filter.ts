import { z } from 'zod';
import { verifications } from '../domain/incident.ts';
import { incidentTypeCodes } from '../domain/taxonomy.ts';
import type { IncidentFilter } from '../store/incidents.ts';
import { bboxParam } from './cursor.ts';

const list = <T extends z.ZodType<string, string>>(item: T, what: string) =>
  z
    .string()
    .max(2000)
    .optional()
    .describe(`comma-separated ${what}`)
    .transform((s) => s?.split(','))
    .pipe(z.array(item).optional());

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The query parameters every incident read (list, stats, export) filters by. */
export const incidentFilterQuery = {
  since: z.iso.datetime({ offset: true }).optional().describe('incidents at or after this time'),
  until: z.iso.datetime({ offset: true }).optional().describe('incidents before this time'),
  type: list(
    z.enum(incidentTypeCodes, { error: 'unknown incident type: see GET /api/v1/taxonomy' }),
    'incident type codes',
  ),
  q: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('full-text search over narrative and place names: every word must appear'),
  jcc: z.string().max(32).optional(),
  org: z.string().max(32).optional().describe('owner (reporting) organisation'),
  source: z.string().max(32).optional().describe('seam, demo, ucdp-ged, acled, geojson or kml'),
  verification: z.enum(verifications).optional(),
  governorate: z.string().max(200).optional().describe('place code or name'),
  district: z.string().max(200).optional().describe('place code or name'),
  in_gap: flag.optional().describe('inside the zone and covered by nobody at the time'),
  in_zone: flag.optional(),
  grading: list(
    z.string().regex(/^[A-F][1-6]?$/, 'expected an Admiralty code (B2) or a reliability (B)'),
    'Admiralty codes or reliabilities',
  ),
  min_killed: z.coerce.number().int().min(0).max(100_000).optional(),
  min_casualties: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe('killed, wounded and abducted together'),
  bbox: bboxParam.optional().describe('west,south,east,north'),
};

const filterSchema = z.object(incidentFilterQuery);

/** The store filter of parsed query parameters. */
export function incidentFilterOf(q: z.output<typeof filterSchema>): IncidentFilter {
  return {
    since: q.since && new Date(q.since).toISOString(),
    until: q.until && new Date(q.until).toISOString(),
    types: q.type,
    q: q.q,
    jcc: q.jcc,
    ownerOrg: q.org,
    source: q.source,
    verification: q.verification,
    governorate: q.governorate,
    district: q.district,
    inGap: q.in_gap,
    inZone: q.in_zone,
    grading: q.grading,
    minKilled: q.min_killed,
    minCasualties: q.min_casualties,
    bbox: q.bbox,
  };
}

export const tearlineNote =
  'An incident you may not see whole but whose tearline is released to you appears as its tearline: `{ id, tearline: true, type, date, lon, lat (snapped to a grid), area, casualties (totals), summary }`. Only `since`, `until`, `type` and `bbox` can match a tearline: a time window matches its whole day and a bbox its snapped location; any other filter excludes tearlines, so no filter reveals a hidden field.';
