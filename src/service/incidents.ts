import { accessFacts } from '../access/facts.ts';
import { inAudience } from '../access/policy.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { parseGrading } from '../domain/grading.ts';
import type { Incident } from '../domain/incident.ts';
import { noCasualties } from '../domain/incident.ts';
import { type IncidentCreate, incidentCreateSchema, releasabilityChangeSchema } from '../domain/incident-input.ts';
import { formatReleasability, parseReleasability, type Releasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import { checkTearline, type Tearline } from '../domain/tearline.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { newId } from '../store/ids.ts';
import { findIncident, insertIncident, updateIncident } from '../store/incidents.ts';
import { listJccs } from '../store/jccs.ts';
import { findOrganisation } from '../store/organisations.ts';
import { findReleasabilityDefault } from '../store/releasability-defaults.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { zodToSeamError } from './validation.ts';

/** How far in the future a report's time may lie (clock skew between devices). */
const futureToleranceMs = 15 * 60_000;

/** The JCC whose area of responsibility contains the point, or null. */
export function jccAt(store: Store, lon: number, lat: number): string | null {
  for (const j of listJccs(store.db)) if (pointInAreal([lon, lat], j.aor)) return j.code;
  return null;
}

function requireWriter(actor: Actor): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

function tearlineFrom(
  input: { releasability: string; summary?: string } | null | undefined,
  record: Releasability,
): Tearline | null {
  if (!input) return null;
  const tearline = {
    releasability: parseReleasability(input.releasability, 'tearline.releasability'),
    summary: input.summary ? input.summary : null,
  };
  checkTearline(record, tearline);
  return tearline;
}

/** Reports a new incident through the one write path. */
export function createIncident(store: Store, actor: Actor, body: unknown): Incident {
  requirePermission(actor.roles, 'incident:create');
  requireWriter(actor);
  const parsed = incidentCreateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input: IncidentCreate = parsed.data;
  const now = store.now();
  const time = new Date(input.time);
  if (time.getTime() > now.getTime() + futureToleranceMs) throw invalid('time', 'lies in the future');
  for (const f of input.casualties?.forces ?? []) {
    if (!findOrganisation(store.db, f.org)) throw invalid('casualties.forces.org', `no organisation "${f.org}"`);
  }
  const releasability = input.releasability
    ? parseReleasability(input.releasability)
    : (findReleasabilityDefault(store.db, actor.org, 'incident') ?? { scope: 'partners' });
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
    releasability,
    tearline: tearlineFrom(input.tearline, releasability),
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

/**
 * Changes who may see an incident (and its tearline). Only the owner organisation's analysts
 * and administrators may; widening the audience needs a reason, narrowing is allowed and both
 * are audited. Narrowing cannot recall what was already seen.
 */
export function changeReleasability(store: Store, actor: Actor, id: string, body: unknown): Incident {
  requirePermission(actor.roles, 'releasability:change');
  requireWriter(actor);
  const parsed = releasabilityChangeSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input = parsed.data;
  return store.writes.write(actor.userId, (tx) => {
    const before = findIncident(tx.db, id);
    if (!before || before.ownerOrg !== actor.org) {
      // Another organisation's incident is reported as missing, whether or not the actor can see it.
      throw new SeamError('not_found', `no incident ${id} owned by ${actor.org}`);
    }
    const releasability = parseReleasability(input.releasability);
    const tearline = input.tearline === undefined ? before.tearline : tearlineFrom(input.tearline, releasability);
    if (tearline && input.tearline === undefined) checkTearline(releasability, tearline);
    const facts = accessFacts(store);
    const widens =
      gainsAudience(before.releasability, releasability, before, facts) ||
      (tearline !== null &&
        gainsAudience(before.tearline?.releasability ?? { scope: 'org' }, tearline.releasability, before, facts));
    if (widens && !input.reason) throw invalid('reason', 'widening who may see a record needs a reason');
    const after: Incident = { ...before, releasability, tearline, updatedAt: tx.at, version: before.version + 1 };
    updateIncident(tx, after, {
      action: 'incident.releasability',
      detail: {
        before: formatReleasability(before.releasability),
        after: formatReleasability(releasability),
        tearlineBefore: before.tearline ? formatReleasability(before.tearline.releasability) : null,
        tearlineAfter: tearline ? formatReleasability(tearline.releasability) : null,
        widens,
        reason: input.reason ?? null,
      },
    });
    return after;
  });
}

/** True when some organisation is in the audience of `after` but not of `before`. */
function gainsAudience(
  before: Releasability,
  after: Releasability,
  record: { ownerOrg: string; jcc: string | null },
  facts: ReturnType<typeof accessFacts>,
): boolean {
  const everyone = new Set([...facts.coalition, ...[...facts.groupMembers.values()].flatMap((s) => [...s])]);
  for (const org of everyone) {
    if (inAudience(org, after, record, facts) && !inAudience(org, before, record, facts)) return true;
  }
  return false;
}
