import { accessFacts } from '../access/facts.ts';
import { type ReferencedIncidents, type SeenIncident, seeIncident, seeWholeIncident } from '../access/incident.ts';
import { SeamError } from '../domain/errors.ts';
import type { Position } from '../domain/geojson.ts';
import { casualtyTotals, type Incident } from '../domain/incident.ts';
import { inBox } from '../geo/bbox.ts';
import type { IncidentCursor, IncidentFilter, IncidentSharing } from '../store/incidents.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { type Page, visiblePage } from './paging.ts';

export type { SeenIncident } from '../access/incident.ts';

export const defaultTearlineGridKm = 10;

/** The grid tearline locations are snapped to, in km (site setting `tearline_grid_km`). */
export async function tearlineGridKm(store: Store): Promise<number> {
  const value = Number(await store.settings.get('tearline_grid_km'));
  return Number.isFinite(value) && value >= 1 && value <= 200 ? value : defaultTearlineGridKm;
}

/**
 * The sharing facts of the incidents these incidents refer to (suspected duplicate, duplicate of),
 * gathered before the access policy decides, for the life of one read (a page, a stream batch, an answer).
 */
export async function referencedIncidents(
  reads: Pick<ReadRepositories, 'incidents'>,
  incidents: Iterable<Pick<Incident, 'duplicateOf' | 'enrichment'>>,
): Promise<ReferencedIncidents> {
  const known = new Map<string, IncidentSharing | null>();
  for (const i of incidents) {
    for (const id of [i.duplicateOf, i.enrichment.suspectedDuplicateOf]) {
      if (id && !known.has(id)) known.set(id, await reads.incidents.sharing(id));
    }
  }
  return (id) => known.get(id) ?? undefined;
}

/**
 * An incident the actor has just written, as they may see it: whole, since only those who may see
 * it whole can write it, and with only the references they may follow.
 */
export async function writtenIncidentAsSeen(store: Store, actor: Actor, incident: Incident): Promise<Incident> {
  const seen = seeWholeIncident(
    actor,
    incident,
    await accessFacts(store),
    await referencedIncidents(store, [incident]),
  );
  if (!seen) throw new SeamError('not_found', `no incident ${incident.id}`);
  return seen;
}

/** One incident as the actor may see it; one they may not see at all is reported as missing. */
export async function readIncident(store: Store, actor: Actor, id: string): Promise<SeenIncident> {
  const incident = await store.incidents.find(id);
  const seen =
    incident &&
    seeIncident(
      actor,
      incident,
      await accessFacts(store),
      await tearlineGridKm(store),
      await referencedIncidents(store, [incident]),
    );
  if (!seen) throw new SeamError('not_found', `no incident ${id}`);
  return seen;
}

const dayMs = 86_400_000;

function dayStart(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / dayMs) * dayMs).toISOString();
}

function dayEnd(iso: string): string {
  return new Date(Math.ceil(Date.parse(iso) / dayMs) * dayMs).toISOString();
}

/** Filters on fields a tearline does not carry: they never match a tearline. */
const hiddenFieldFilters = [
  'jcc',
  'ownerOrg',
  'source',
  'verification',
  'q',
  'governorate',
  'district',
  'inGap',
  'inZone',
  'grading',
  'minKilled',
  'minCasualties',
] as const satisfies ReadonlyArray<keyof IncidentFilter>;

/**
 * Whether a seen incident matches the filter on what the actor sees of it. A tearline carries
 * only its type, day and coarse location, so a filter on anything else (owner, JCC, source,
 * verification, text, area, gap, grading, casualties) never matches a tearline, a time window matches its whole day, and a bbox
 * matches its coarse location: a filter cannot be used to learn a hidden field.
 */
function matches(s: SeenIncident, f: IncidentFilter): boolean {
  if (s.seen === 'record') {
    const i = s.incident;
    if (f.since && i.time < f.since) return false;
    if (f.until && i.time >= f.until) return false;
    return !f.bbox || inBox(i.lon, i.lat, f.bbox);
  }
  if (hiddenFieldFilters.some((k) => f[k] !== undefined)) return false;
  return tearlineMatches(s.tearline.date, s.tearline.location, f);
}

/**
 * Whether a tearline with this day and snapped location matches the time window and bbox of a
 * filter: the window matches the whole day, the bbox the snapped location.
 */
export function tearlineMatches(date: string, location: Position, f: IncidentFilter): boolean {
  const dayFrom = `${date}T00:00:00.000Z`;
  const dayTo = new Date(Date.parse(dayFrom) + dayMs).toISOString();
  if (f.since && dayTo <= f.since) return false;
  if (f.until && dayFrom >= f.until) return false;
  return !f.bbox || inBox(location[0], location[1], f.bbox);
}

/** The filter widened so the database returns every row whose tearline could match; `matches` narrows it again. */
export function widenedForTearlines(f: IncidentFilter, gridKm: number): IncidentFilter {
  // A coarse location lies within half a cell's diagonal (0.71 cell) of the exact one: pad by
  // 0.75 cell, in longitude by as many degrees as that spans at the box's highest latitude.
  const padLat = (gridKm / 111.195) * 0.75;
  let bbox = f.bbox;
  if (bbox) {
    const maxLat = Math.min(89, Math.max(Math.abs(bbox[1]), Math.abs(bbox[3])) + padLat);
    const padLon = Math.min(360, padLat / Math.max(Math.cos((maxLat * Math.PI) / 180), 0.01));
    bbox = [bbox[0] - padLon, bbox[1] - padLat, bbox[2] + padLon, bbox[3] + padLat];
  }
  return { ...f, since: f.since && dayStart(f.since), until: f.until && dayEnd(f.until), bbox };
}

/** Incidents matching the filter, as the actor may see each of them, newest first. */
export async function listIncidents(
  store: Store,
  actor: Actor,
  filter: IncidentFilter,
  after: IncidentCursor | null,
  limit: number,
): Promise<Page<SeenIncident, IncidentCursor>> {
  const facts = await accessFacts(store);
  const gridKm = await tearlineGridKm(store);
  // Tearlines match on their day and snapped location, so rows with a tearline are read from a
  // slightly wider window; unless a filter on a hidden field rules every tearline out.
  const tearlines = hiddenFieldFilters.some((k) => filter[k] !== undefined)
    ? undefined
    : widenedForTearlines(filter, gridKm);
  const seen = new Map<Incident, SeenIncident>();
  const page = await visiblePage(
    async (cursor, batch) => {
      const rows = await store.incidents.query(filter, cursor, batch, tearlines);
      const referenced = await referencedIncidents(store, rows);
      for (const row of rows) {
        const s = seeIncident(actor, row, facts, gridKm, referenced);
        if (s !== null && matches(s, filter)) seen.set(row, s);
      }
      return rows;
    },
    (row) => seen.has(row),
    (row) => ({ time: row.time, id: row.id }),
    after,
    limit,
  );
  return { items: page.items.map((row) => seen.get(row)!), next: page.next };
}

export interface IncidentStats {
  incidents: number;
  tearlines: number;
  byType: Record<string, number>;
  casualties: { killed: number; wounded: number; abducted: number };
}

/**
 * Counts and casualty totals over what the actor may see: whole records, and tearlines, which
 * carry their type and casualty totals. Hidden incidents count nowhere.
 */
export async function incidentStats(store: Store, actor: Actor, filter: IncidentFilter): Promise<IncidentStats> {
  const stats: IncidentStats = {
    incidents: 0,
    tearlines: 0,
    byType: {},
    casualties: { killed: 0, wounded: 0, abducted: 0 },
  };
  let cursor: IncidentCursor | null = null;
  do {
    const page = await listIncidents(store, actor, filter, cursor, 1000);
    for (const s of page.items) {
      const type = s.seen === 'record' ? s.incident.type : s.tearline.type;
      stats.byType[type] = (stats.byType[type] ?? 0) + 1;
      const c = s.seen === 'record' ? casualtyTotals(s.incident.casualties) : s.tearline.casualties;
      stats.casualties.killed += c.killed;
      stats.casualties.wounded += c.wounded;
      stats.casualties.abducted += c.abducted;
      if (s.seen === 'record') stats.incidents++;
      else stats.tearlines++;
    }
    cursor = page.next;
  } while (cursor);
  return stats;
}
