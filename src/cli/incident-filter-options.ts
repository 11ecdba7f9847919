import { z } from 'zod';
import { incidentFilterOf, incidentFilterQuery } from '../server/incident-filter.ts';
import type { IncidentFilter } from '../store/incidents.ts';
import { UsageError } from './args.ts';
import { sinceOption } from './commands/audit.ts';

/** The incident filter options of `seam incidents` and `seam export`: the API's query parameters, spelled as options. */
export const incidentFilterOptions = {
  since: { type: 'string' },
  until: { type: 'string' },
  type: { type: 'string' },
  jcc: { type: 'string' },
  q: { type: 'string' },
  governorate: { type: 'string' },
  district: { type: 'string' },
  'in-gap': { type: 'boolean' },
  'in-zone': { type: 'boolean' },
  verification: { type: 'string' },
  org: { type: 'string' },
  source: { type: 'string' },
  grading: { type: 'string' },
  'min-killed': { type: 'string' },
  'min-casualties': { type: 'string' },
  bbox: { type: 'string' },
} as const;

/** Options whose value may start with a minus sign: a western or southern bbox edge, or a number the schema then refuses by name. */
export const negativeFilterOptions = ['bbox', 'min-killed', 'min-casualties'];

export const incidentFilterHelp = `  --since WHEN         at or after: 7d, 12h, 30m or ISO-8601 with a time zone
  --until TIME         before this ISO-8601 time
  --type A,B           incident type codes (see GET /api/v1/taxonomy)
  --jcc CODE           routed to this JCC
  --q TEXT             full-text search over narrative and place names (every word must appear)
  --governorate G      place code or name
  --district D         place code or name
  --in-gap             inside the zone and covered by nobody at the time
  --in-zone            inside the zone
  --verification V     reported, confirmed, discounted or duplicate
  --org ORG            reported by this organisation
  --source S           seam, demo, ucdp-ged, acled, geojson or kml
  --grading B2,C       Admiralty codes or reliabilities
  --min-killed N       at least N killed
  --min-casualties N   at least N killed, wounded and abducted together
  --bbox W,S,E,N       inside this box (decimal degrees)`;

const querySchema = z.object(incidentFilterQuery).strict();
const relativeTime = /^\d{1,5}[dhm]$/;

const optionOfKey = (key: string) => `--${key.replaceAll('_', '-')}`;

/**
 * The store filter of the filter options, validated by the very schema the API's query string is,
 * so the command line and the API accept and refuse the same things. Only `--since` adds the
 * relative forms (7d, 12h, 30m), turned into a time first.
 */
export function incidentFilterFromOptions(values: Record<string, unknown>, now: Date): IncidentFilter {
  const query: Record<string, string> = {};
  for (const name of Object.keys(incidentFilterOptions)) {
    const v = values[name];
    if (v === undefined || v === false) continue;
    query[name.replaceAll('-', '_')] = v === true ? 'true' : String(v);
  }
  if (query.since && relativeTime.test(query.since)) query.since = sinceOption(query.since, now)!;
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? '');
    const hint = key === 'since' ? ' (7d, 12h, 30m or ISO-8601 with a time zone)' : '';
    throw new UsageError(`${optionOfKey(key)}: ${issue.message}${hint}`);
  }
  return incidentFilterOf(parsed.data);
}
