import type { Incident } from '../../domain/incident.ts';
import { presentIncident } from '../../server/presenters/incident.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { createIncident } from '../../service/incidents.ts';
import { dataDirOption, intOption, joinNegativeValues, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam incident add --user USERNAME --type TYPE --time TIME
                    (--lon X --lat Y | --mgrs REF | --place NAME)
                    [--time-precision P] [--location-precision P] [--narrative TEXT]
                    [--grading B2] [--releasability R] [--tearline R [--tearline-summary TEXT]]
                    [--civilians-killed N] [--civilians-wounded N] [--civilians-abducted N] [--json]

Reports an incident as USERNAME, exactly as POST /api/v1/incidents does: the same checks, the
same enrichment (JCC, governorate and district, side of and distance to the line, zone and gap,
nearest checkpoints, H3 cell, suspected duplicate) and the same change log and audit entries.
Prints the new incident's id and a one-line summary, or the incident as JSON with --json.

  --user USERNAME          who reports it (needs the reporter, analyst, liaison or admin role)
  --type TYPE              incident type code (see GET /api/v1/taxonomy), e.g. ied
  --time TIME              when it happened, ISO-8601 with a time zone
  --lon X --lat Y          where, in decimal degrees (WGS84)
  --mgrs REF               where, as an MGRS reference, e.g. 38SME4465625337
  --place NAME             where, as a governorate, district or sub-district name or place code
                           (with --lon/--lat or --mgrs: only a label)
  --time-precision P       day, days, week, month or year (default: day)
  --location-precision P   exact, near_place, district or governorate (default: exact for
                           lon/lat, from the MGRS square or the place)
  --narrative TEXT         what happened
  --grading CODE           Admiralty source grading, e.g. B2
  --releasability R        org, partners, coalition or group:NAME (default: the organisation's default)
  --tearline R             release a sanitised tearline more widely, to R
  --tearline-summary TEXT  the tearline's text (never the narrative)
  --civilians-killed N, --civilians-wounded N, --civilians-abducted N
                           civilian casualties (default 0)
  --json                   print the incident as JSON
${dataDirHelp}`;

const options = {
  ...dataDirOption,
  user: { type: 'string' },
  type: { type: 'string' },
  time: { type: 'string' },
  lon: { type: 'string' },
  lat: { type: 'string' },
  mgrs: { type: 'string' },
  place: { type: 'string' },
  'time-precision': { type: 'string' },
  'location-precision': { type: 'string' },
  narrative: { type: 'string' },
  grading: { type: 'string' },
  releasability: { type: 'string' },
  tearline: { type: 'string' },
  'tearline-summary': { type: 'string' },
  'civilians-killed': { type: 'string' },
  'civilians-wounded': { type: 'string' },
  'civilians-abducted': { type: 'string' },
  json: { type: 'boolean' },
} as const;

function degrees(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be decimal degrees, got "${value}"`);
  return n;
}

type Values = ReturnType<typeof parse<typeof options>>['values'];

/** The API's create body from the options: the same field names, so the same schema checks it. */
export function createBody(v: Values): Record<string, unknown> {
  if (!v.user) throw new UsageError('incident add needs --user');
  if (!v.type) throw new UsageError('incident add needs --type');
  if (!v.time) throw new UsageError('incident add needs --time');
  if ((v.lon === undefined) !== (v.lat === undefined)) throw new UsageError('--lon and --lat go together');
  if (v.lon !== undefined && v.mgrs !== undefined) throw new UsageError('give either --lon/--lat or --mgrs, not both');
  if (v.lon === undefined && v.mgrs === undefined && v.place === undefined) {
    throw new UsageError('incident add needs a location: --lon and --lat, --mgrs, or --place');
  }
  if (v['tearline-summary'] !== undefined && v.tearline === undefined) {
    throw new UsageError('--tearline-summary needs --tearline');
  }
  const body: Record<string, unknown> = { type: v.type, time: v.time };
  if (v.lon !== undefined && v.lat !== undefined) {
    body.lon = degrees('lon', v.lon);
    body.lat = degrees('lat', v.lat);
  }
  if (v.mgrs !== undefined) body.mgrs = v.mgrs;
  if (v.place !== undefined) body.place = v.place;
  if (v['time-precision'] !== undefined) body.time_precision = v['time-precision'];
  if (v['location-precision'] !== undefined) body.location_precision = v['location-precision'];
  if (v.narrative !== undefined) body.narrative = v.narrative;
  if (v.grading !== undefined) body.grading = v.grading;
  if (v.releasability !== undefined) body.releasability = v.releasability;
  if (v.tearline !== undefined) {
    body.tearline = {
      releasability: v.tearline,
      ...(v['tearline-summary'] === undefined ? {} : { summary: v['tearline-summary'] }),
    };
  }
  const civilians = (['killed', 'wounded', 'abducted'] as const).map((k) =>
    intOption(`civilians-${k}`, v[`civilians-${k}`], 0, 100_000),
  );
  if (civilians.some((n) => n !== undefined)) {
    const [killed = 0, wounded = 0, abducted = 0] = civilians;
    body.casualties = { forces: [], civilians: { killed, wounded, abducted } };
  }
  return body;
}

/** One line about a new incident: where Seam placed it. */
export function incidentSummary(i: Incident): string {
  const e = i.enrichment;
  const area = e.district
    ? `district ${e.district.name}${e.governorate ? ` (${e.governorate.name})` : ''}`
    : e.governorate
      ? `governorate ${e.governorate.name}`
      : 'no district';
  const gap =
    e.inGap === null ? 'gap unknown' : e.inGap ? 'in a gap' : e.inZone ? 'in the zone, covered' : 'outside the zone';
  const dup = e.suspectedDuplicateOf ? `  suspected duplicate of ${e.suspectedDuplicateOf}` : '';
  return `${i.type} at ${i.time}  ${i.lon.toFixed(5)},${i.lat.toFixed(5)}  jcc ${i.jcc ?? '-'}  ${area}  ${gap}${dup}`;
}

export const incidentCommand: Command = {
  name: 'incident',
  summary: 'report an incident as a user',
  help,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'add') {
      throw new UsageError(sub ? `unknown incident command "${sub}" (add)` : 'incident needs a command: add');
    }
    const { values } = parse(joinNegativeValues(rest, ['lon', 'lat']), options);
    const body = createBody(values);
    await withStore(values['data-dir'], async (store) => {
      const incident = await createIncident(store, await actorForUser(store, values.user!), body);
      if (values.json) return console.log(JSON.stringify(presentIncident(incident)));
      console.log(incident.id);
      console.log(incidentSummary(incident));
    });
  },
};
