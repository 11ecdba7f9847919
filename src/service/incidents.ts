import { loadAccessFacts } from '../access/facts.ts';
import type { AccessFacts } from '../access/policy.ts';
import { visibility } from '../access/policy.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { parseGrading } from '../domain/grading.ts';
import type { Incident } from '../domain/incident.ts';
import { noCasualties } from '../domain/incident.ts';
import { type IncidentCreate, incidentCreateSchema } from '../domain/incident-input.ts';
import { parseReleasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { newId } from '../store/ids.ts';
import {
  findIncident,
  type IncidentCursor,
  type IncidentFilter,
  insertIncident,
  queryIncidents,
} from '../store/incidents.ts';
import { listJccs } from '../store/jccs.ts';
import { findOrganisation } from '../store/organisations.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { type Page, visiblePage } from './paging.ts';
import { zodToSeamError } from './validation.ts';

/** How far in the future a report's time may lie (clock skew between devices). */
const futureToleranceMs = 15 * 60_000;

/** The JCC whose area of responsibility contains the point, or null. */
export function jccAt(store: Store, lon: number, lat: number): string | null {
  for (const j of listJccs(store.db)) if (pointInAreal([lon, lat], j.aor)) return j.code;
  return null;
}

/** Reports a new incident through the one write path. */
export function createIncident(store: Store, actor: Actor, body: unknown): Incident {
  requirePermission(actor.roles, 'incident:create');
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
  const parsed = incidentCreateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input: IncidentCreate = parsed.data;
  const now = store.now();
  const time = new Date(input.time);
  if (time.getTime() > now.getTime() + futureToleranceMs) throw invalid('time', 'lies in the future');
  for (const f of input.casualties?.forces ?? []) {
    if (!findOrganisation(store.db, f.org)) throw invalid('casualties.forces.org', `no organisation "${f.org}"`);
  }
  const at = now.toISOString();
  const incident: Incident = {
    id: newId(now.getTime()),
    type: input.type,
    time: time.toISOString(),
    timePrecision: input.time_precision,
    lon: input.lon,
    lat: input.lat,
    locationPrecision: input.location_precision,
    place: input.place ?? null,
    narrative: input.narrative,
    casualties: input.casualties ?? noCasualties,
    grading: input.grading ? parseGrading(input.grading) : null,
    releasability: parseReleasability(input.releasability ?? 'partners'),
    verification: 'reported',
    ownerOrg: actor.org,
    reporterId: actor.userId,
    jcc: jccAt(store, input.lon, input.lat),
    source: 'seam',
    sourceId: null,
    exercise: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  store.writes.write(actor.userId, (tx) => insertIncident(tx, incident));
  return incident;
}

/** One incident, if the actor may see it; an invisible one is reported as missing, not as forbidden. */
export function getIncident(store: Store, actor: Actor, id: string): Incident {
  const incident = findIncident(store.db, id);
  if (!incident || visibility(actor, incident, loadAccessFacts(store.db)) === 'none') {
    throw new SeamError('not_found', `no incident ${id}`);
  }
  return incident;
}

/** Incidents matching the filter that the actor may see, newest first. */
export function listIncidents(
  store: Store,
  actor: Actor,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
  facts: AccessFacts = loadAccessFacts(store.db),
): Page<Incident, IncidentCursor> {
  return visiblePage(
    (cursor, batch) => queryIncidents(store.db, filter, cursor, batch),
    (row) => visibility(actor, row, facts) === 'record',
    (row) => ({ time: row.time, id: row.id }),
    after,
    limit,
  );
}
