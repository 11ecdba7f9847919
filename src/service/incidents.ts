import { accessFacts } from '../access/facts.ts';
import { seeWholeIncident } from '../access/incident.ts';
import { type AccessFacts, inAudience } from '../access/policy.ts';
import { noEnrichment } from '../domain/enrichment.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { parseGrading } from '../domain/grading.ts';
import { type Incident, type LocationPrecision, noCasualties } from '../domain/incident.ts';
import {
  type IncidentCreate,
  incidentCreateSchema,
  incidentUpdateSchema,
  releasabilityChangeSchema,
  verificationSchema,
} from '../domain/incident-input.ts';
import { formatReleasability, parseReleasability, type Releasability } from '../domain/releasability.ts';
import { hasPermission, requirePermission } from '../domain/roles.ts';
import { checkTearline, tearlineFromInput } from '../domain/tearline.ts';
import { fromMgrs } from '../geo/mgrs.ts';
import { newId } from '../store/ids.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/write-path.ts';
import type { Actor } from './actor.ts';
import { type EnrichmentContext, enrich, enrichmentContext } from './enrichment.ts';
import { resolvePlace } from './gazetteer.ts';
import { referencedIncidents, writtenIncidentAsSeen } from './incident-reads.ts';
import { zodToSeamError } from './validation.ts';

/** How far in the future a report's time may lie (clock skew between devices). */
const futureToleranceMs = 15 * 60_000;

function requireWriter(actor: Actor): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

interface Located {
  lon: number;
  lat: number;
  precision: LocationPrecision;
  place: string | null;
}

/** Where an incident is, from lon/lat, an MGRS reference or a place name resolved through the gazetteer. */
export async function locate(
  store: Store,
  input: { lon?: number; lat?: number; mgrs?: string; place?: string | null; location_precision?: LocationPrecision },
): Promise<Located | null> {
  if (input.lon !== undefined && input.lat !== undefined) {
    return {
      lon: input.lon,
      lat: input.lat,
      precision: input.location_precision ?? 'exact',
      place: input.place ?? null,
    };
  }
  if (input.mgrs !== undefined) {
    const m = fromMgrs(input.mgrs);
    if (m.precisionM > 10_000)
      throw invalid('mgrs', 'a 100 km square is too coarse to place an incident: give at least 2 digits');
    const derived: LocationPrecision = m.precisionM <= 100 ? 'exact' : 'near_place';
    return { lon: m.lon, lat: m.lat, precision: input.location_precision ?? derived, place: input.place ?? null };
  }
  if (input.place) {
    const p = await resolvePlace(store, input.place);
    return { lon: p.lon, lat: p.lat, precision: input.location_precision ?? p.precision, place: p.name };
  }
  return null;
}

async function checkEvent(
  reads: Pick<ReadRepositories, 'organisations'>,
  now: Date,
  time: Date,
  forces: Array<{ org: string }>,
): Promise<void> {
  if (time.getTime() > now.getTime() + futureToleranceMs) throw invalid('time', 'lies in the future');
  for (const f of forces) {
    if (!(await reads.organisations.find(f.org))) throw invalid('casualties.forces.org', `no organisation "${f.org}"`);
  }
}

/** Reports a new incident through the one write path, enriched from where and when it happened. */
export async function createIncident(store: Store, actor: Actor, body: unknown): Promise<Incident> {
  const [incident] = await createIncidents(store, actor, [body]);
  return writtenIncidentAsSeen(store, actor, incident);
}

/** What the create command needs to know of the site, gathered once for any number of reports. */
export interface CreateContext {
  enrichment: EnrichmentContext;
  /** The releasability of a report that names none: the organisation's default. */
  defaultReleasability: Releasability;
}

/** Gathers what creating an actor's incidents needs before the transaction that writes them. */
async function createContext(store: Store, actor: Actor): Promise<CreateContext> {
  return {
    enrichment: await enrichmentContext(store),
    defaultReleasability: (await store.releasabilityDefaults.find(actor.org, 'incident')) ?? { scope: 'partners' },
  };
}

/**
 * Reports new incidents, all in one transaction (all or none): gathers the site context once,
 * validates and places every report, then enriches and writes them together.
 */
export async function createIncidents(
  store: Store,
  actor: Actor,
  bodies: unknown[],
  options: { exercise?: boolean; source?: { source: string; sourceId: string } } = {},
): Promise<Incident[]> {
  requirePermission(actor.roles, 'incident:create');
  requireWriter(actor);
  const context = await createContext(store, actor);
  const drafts: Incident[] = [];
  // Synthetic exercise data (the demo's) is marked as such; nothing from outside can ask for it.
  for (const body of bodies)
    drafts.push({
      ...(await incidentDraft(store, actor, body, context)),
      exercise: options.exercise ?? false,
      // A report from another system (a TAK client's CoT uid) keeps its id there, so updates find it.
      ...(options.source ? { source: options.source.source, sourceId: options.source.sourceId } : {}),
    });
  return store.write(actor.userId, (tx) => writeIncidents(tx, context, drafts));
}

/**
 * The create command's write step, inside a transaction: enriches each draft (earlier drafts of the
 * batch count as what a later one may duplicate) and writes it with its change-log and audit
 * entries. `finish` may complete a record from its enrichment before it is written (the demo marks
 * its duplicates there).
 */
export async function writeIncidents(
  tx: Tx,
  context: Pick<CreateContext, 'enrichment'>,
  drafts: Incident[],
  finish?: (enriched: Incident) => Incident,
): Promise<Incident[]> {
  const written: Incident[] = [];
  for (const draft of drafts) {
    const merged = { ...draft, ...(await enrich(tx, context.enrichment, draft)) };
    const enriched = finish ? finish(merged) : merged;
    await tx.incidents.insert(enriched);
    written.push(enriched);
  }
  return written;
}

/** Validates one report and makes the incident it describes, not yet enriched or written. */
async function incidentDraft(store: Store, actor: Actor, body: unknown, context: CreateContext): Promise<Incident> {
  const parsed = incidentCreateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input: IncidentCreate = parsed.data;
  const place = (await locate(store, input))!;
  const time = new Date(input.time);
  const now = store.now();
  await checkEvent(store, now, time, input.casualties?.forces ?? []);
  const releasability = input.releasability ? parseReleasability(input.releasability) : context.defaultReleasability;
  const at = now.toISOString();
  return {
    id: newId(now.getTime()),
    type: input.type,
    time: time.toISOString(),
    timePrecision: input.time_precision,
    lon: place.lon,
    lat: place.lat,
    locationPrecision: place.precision,
    place: place.place,
    narrative: input.narrative,
    casualties: input.casualties ?? noCasualties,
    grading: input.grading ? parseGrading(input.grading) : null,
    releasability,
    tearline: tearlineFromInput(input.tearline, releasability),
    verification: 'reported',
    review: null,
    duplicateOf: null,
    ownerOrg: actor.org,
    reporterId: actor.userId,
    jcc: null,
    enrichment: noEnrichment,
    source: 'seam',
    sourceId: null,
    exercise: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

async function ownIncident(reads: Pick<ReadRepositories, 'incidents'>, actor: Actor, id: string): Promise<Incident> {
  const incident = await reads.incidents.find(id);
  if (!incident || incident.ownerOrg !== actor.org) {
    // Another organisation's incident is reported as missing, whether or not the actor can see it.
    throw new SeamError('not_found', `no incident ${id} owned by ${actor.org}`);
  }
  return incident;
}

/**
 * Corrects an incident's event fields. The owner organisation's analysts and administrators may,
 * and so may the reporter of their own report. The caller names the version it corrects, so two
 * people correcting at once cannot silently overwrite each other.
 */
export async function correctIncident(store: Store, actor: Actor, id: string, body: unknown): Promise<Incident> {
  requireWriter(actor);
  const parsed = incidentUpdateSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input = parsed.data;
  // Gathered before the transaction: where a new location lies, and the site's enrichment context.
  const located = await locate(store, {
    ...input,
    place: input.place ?? undefined,
    location_precision: input.location_precision,
  });
  const context = await enrichmentContext(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownIncident(tx, actor, id);
    if (before.reporterId !== actor.userId || !hasPermission(actor.roles, 'incident:create')) {
      requirePermission(actor.roles, 'incident:update');
    }
    if (input.version !== before.version) {
      throw new SeamError(
        'conflict',
        `incident ${id} is at version ${before.version}, not ${input.version}: reload it and try again`,
      );
    }
    const place = located ?? {
      lon: before.lon,
      lat: before.lat,
      precision: input.location_precision ?? before.locationPrecision,
      place: input.place === undefined ? before.place : input.place,
    };
    const time = input.time ? new Date(input.time) : new Date(before.time);
    await checkEvent(tx, store.now(), time, input.casualties?.forces ?? []);
    const next: Incident = {
      ...before,
      type: input.type ?? before.type,
      time: time.toISOString(),
      timePrecision: input.time_precision ?? before.timePrecision,
      lon: place.lon,
      lat: place.lat,
      locationPrecision: place.precision,
      place: place.place,
      narrative: input.narrative ?? before.narrative,
      casualties: input.casualties ?? before.casualties,
      grading:
        input.grading === undefined ? before.grading : input.grading === null ? null : parseGrading(input.grading),
      updatedAt: tx.at,
      version: before.version + 1,
    };
    const after = { ...next, ...(await enrich(tx, context, next)) };
    await tx.incidents.update(after, { action: 'incident.update', detail: { fields: changedFields(before, after) } });
    return after;
  });
  return writtenIncidentAsSeen(store, actor, written);
}

/** The names of the fields that differ between two versions of an incident. */
export function changedFields(before: Incident, after: Incident): string[] {
  const skip = new Set(['updatedAt', 'version']);
  return (Object.keys(after) as Array<keyof Incident>).filter(
    (k) => !skip.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/**
 * Sets an incident's verification status, with the reviewer, time and reason. Analysts and
 * administrators of any organisation that may see the whole record may verify it: verification
 * is the centre's joint work.
 */
export async function verifyIncident(store: Store, actor: Actor, id: string, body: unknown): Promise<Incident> {
  requirePermission(actor.roles, 'incident:verify');
  requireWriter(actor);
  const parsed = verificationSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input = parsed.data;
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await tx.incidents.find(id);
    const original = input.duplicate_of ? await tx.incidents.find(input.duplicate_of) : null;
    const referenced = await referencedIncidents(
      tx,
      [before, original].filter((i) => i !== null),
    );
    if (!before || !seeWholeIncident(actor, before, facts, referenced))
      throw new SeamError('not_found', `no incident ${id}`);
    if (input.duplicate_of) {
      if (!original || !seeWholeIncident(actor, original, facts, referenced)) {
        throw invalid('duplicate_of', `no incident ${input.duplicate_of}`);
      }
      if (original.id === id) throw invalid('duplicate_of', 'an incident cannot duplicate itself');
    }
    const after: Incident = {
      ...before,
      verification: input.status,
      review: { by: actor.userId, at: tx.at, reason: input.reason },
      duplicateOf: input.duplicate_of ?? null,
      updatedAt: tx.at,
      version: before.version + 1,
    };
    await tx.incidents.update(after, {
      action: 'incident.verify',
      detail: {
        before: before.verification,
        after: input.status,
        reason: input.reason,
        duplicateOf: after.duplicateOf,
      },
    });
    return after;
  });
  return writtenIncidentAsSeen(store, actor, written);
}

/**
 * Changes who may see an incident (and its tearline). Only the owner organisation's analysts
 * and administrators may; widening the audience needs a reason, narrowing is allowed and both
 * are audited. Narrowing cannot recall what was already seen.
 */
export async function changeReleasability(store: Store, actor: Actor, id: string, body: unknown): Promise<Incident> {
  requirePermission(actor.roles, 'releasability:change');
  requireWriter(actor);
  const parsed = releasabilityChangeSchema.safeParse(body);
  if (!parsed.success) throw zodToSeamError(parsed.error);
  const input = parsed.data;
  const facts = await accessFacts(store);
  const written = await store.write(actor.userId, async (tx) => {
    const before = await ownIncident(tx, actor, id);
    const releasability = parseReleasability(input.releasability);
    const tearline = input.tearline === undefined ? before.tearline : tearlineFromInput(input.tearline, releasability);
    if (tearline && input.tearline === undefined) checkTearline(releasability, tearline);
    const widens =
      gainsAudience(before.releasability, releasability, before, facts) ||
      (tearline !== null &&
        gainsAudience(before.tearline?.releasability ?? { scope: 'org' }, tearline.releasability, before, facts));
    if (widens && !input.reason) throw invalid('reason', 'widening who may see a record needs a reason');
    const after: Incident = { ...before, releasability, tearline, updatedAt: tx.at, version: before.version + 1 };
    await tx.incidents.update(after, {
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
  return writtenIncidentAsSeen(store, actor, written);
}

/** True when some organisation is in the audience of `after` but not of `before`. */
function gainsAudience(
  before: Releasability,
  after: Releasability,
  record: { ownerOrg: string; jcc: string | null },
  facts: AccessFacts,
): boolean {
  const everyone = new Set([...facts.coalition, ...[...facts.groupMembers.values()].flatMap((s) => [...s])]);
  for (const org of everyone) {
    if (inAudience(org, after, record, facts) && !inAudience(org, before, record, facts)) return true;
  }
  return false;
}
