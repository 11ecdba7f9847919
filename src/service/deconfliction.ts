import { type Activity, activitySpan, type Conflict, occurrences } from '../domain/activity.ts';
import {
  type DeconflictionCandidate,
  type DeconflictionRules,
  findConflicts,
  type IncidentCandidate,
} from '../domain/deconfliction.ts';
import type { Position } from '../domain/geojson.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { Presence } from '../domain/presence.ts';
import { areaAnchor, areaFootprint, type Footprint, footprintBBox, footprintDistance } from '../geo/activity-area.ts';
import { activeIntervals } from '../geo/coverage-time.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import type { CandidateQuery, DeconflictionCandidates } from '../store/activities.ts';
import type { ReadRepositories } from '../store/repositories.ts';

type Subject = Pick<Activity, 'id' | 'ownerOrgs' | 'area' | 'start' | 'end' | 'recurrence' | 'jcc'>;

/** Where and when the prefilter searches for an activity: its box grown by the separation, its span by the margin. */
export function candidateQuery(a: Subject, rules: DeconflictionRules, now: number): CandidateQuery {
  const [from, to] = activitySpan(a);
  return {
    bbox: footprintBBox(areaFootprint(a.area), rules.separationKm),
    from: from - rules.marginMs,
    to: to + rules.marginMs,
    incidentsFrom: new Date(now - rules.incidentWindowMs).toISOString(),
    incidentsTo: new Date(now).toISOString(),
  };
}

function presenceFootprint(p: Presence): Footprint {
  if (p.kind === 'checkpoint') return { core: p.geometry, reachKm: p.radiusKm };
  if (p.kind === 'patrol') return { core: p.geometry, reachKm: p.bufferKm };
  return { core: p.geometry, reachKm: 0 };
}

function firstPosition(p: Presence): Position {
  if (p.geometry.type === 'Point') return p.geometry.coordinates;
  if (p.geometry.type === 'LineString') return p.geometry.coordinates[0];
  return p.geometry.coordinates[0][0];
}

/**
 * The conflicts of an activity among the candidates the prefilter found (or any superset of them):
 * the domain's rule, with the geometry and time expansion of `geo` plugged in.
 */
export function conflictsAmong(
  subject: Subject,
  found: DeconflictionCandidates,
  jccs: ReadonlyArray<Pick<Jcc, 'code' | 'aor'>>,
  rules: DeconflictionRules,
  now: number,
): Conflict[] {
  const jccAt = (p: Position) => jccs.find((j) => pointInAreal(p, j.aor))?.code ?? null;
  const activities = found.activities.map(
    (a): DeconflictionCandidate<Footprint> => ({
      with: 'activity',
      recordId: a.id,
      ownerOrgs: a.ownerOrgs,
      kind: a.kind,
      name: a.unit,
      footprint: areaFootprint(a.area),
      intervals: (f, t) => occurrences(a).filter(([s, e]) => e > f && s < t),
      jcc: a.jcc,
    }),
  );
  const presence = found.presence.map(
    (p): DeconflictionCandidate<Footprint> => ({
      with: 'presence',
      recordId: p.id,
      ownerOrgs: [p.org],
      kind: p.kind,
      name: p.name,
      footprint: presenceFootprint(p),
      intervals: (f, t) =>
        activeIntervals(
          { activeFrom: p.activeFrom, activeTo: p.activeTo, schedule: p.kind === 'patrol' ? p.schedule : null },
          f,
          t,
        ),
      jcc: jccAt(firstPosition(p)),
    }),
  );
  const incidents = found.incidents.map(
    (i): IncidentCandidate<Footprint> => ({
      recordId: i.id,
      ownerOrg: i.ownerOrg,
      type: i.type,
      time: Date.parse(i.time),
      footprint: { core: { type: 'Point', coordinates: [i.lon, i.lat] }, reachKm: 0 },
      jcc: i.jcc,
    }),
  );
  return findConflicts(
    {
      id: subject.id,
      ownerOrgs: subject.ownerOrgs,
      footprint: areaFootprint(subject.area),
      occurrences: occurrences(subject),
      jcc: subject.jcc,
    },
    [...activities, ...presence],
    incidents,
    rules,
    footprintDistance(areaAnchor(subject.area)),
    now,
  );
}

/** The conflicts of an activity with what is stored: the store's spatial and time prefilter, then the domain's rule. */
export async function deconflict(
  reads: Pick<ReadRepositories, 'activities' | 'jccs'>,
  subject: Subject,
  rules: DeconflictionRules,
  now: number,
): Promise<Conflict[]> {
  const found = await reads.activities.candidates(candidateQuery(subject, rules, now));
  return conflictsAmong(subject, found, await reads.jccs.list(), rules, now);
}
