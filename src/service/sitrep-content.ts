import { accessFacts } from '../access/facts.ts';
import { audienceOrgs } from '../access/policy.ts';
import { casualtyTotals } from '../domain/incident.ts';
import type { Jcc } from '../domain/jcc.ts';
import { namesOf } from '../domain/names.ts';
import { formatReleasability, type Releasability } from '../domain/releasability.ts';
import type { NameSet, SitrepContent } from '../domain/sitrep.ts';
import { sitrepHighlights } from '../domain/sitrep-highlights.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { sitrepCoordination } from './sitrep-coordination.ts';
import { sitrepGap } from './sitrep-gap.ts';
import { incidentFigures, windowIncidents } from './sitrep-incidents.ts';
import { sitrepPlaces } from './sitrep-places.ts';

/** Whose report and for whom: the JCC, the period, the originator organisation and the audience. */
export interface SitrepScope {
  jcc: Jcc;
  periodFrom: string;
  periodTo: string;
  originatorOrg: string;
  audience: Releasability;
}

/**
 * The reader a report's figures are computed as: the originator organisation standing for every
 * organisation of the audience, so it sees of each record only what all of them may see. It may
 * only read: nothing a report computes is written as this reader.
 */
export function audienceReader(originatorOrg: string, orgs: readonly string[]): Actor & { audience: string[] } {
  return { userId: '', username: 'sitrep', org: originatorOrg, roles: [], scope: 'read', audience: [...orgs] };
}

/**
 * The figures of a SITREP for its audience, as of now: every read goes through the access-checked
 * services as the audience reader, so a figure never counts what one organisation of the audience
 * may not see. Incidents and civilian harm against the previous period of equal length; the gap
 * with its trend and forecast; coordination; and the highlights drawn from them.
 */
export async function computeSitrepContent(store: Store, scope: SitrepScope): Promise<SitrepContent> {
  const facts = await accessFacts(store);
  const orgs = audienceOrgs(scope.audience, { ownerOrg: scope.originatorOrg, jcc: scope.jcc.code }, facts);
  const reader = audienceReader(scope.originatorOrg, orgs);
  const from = Date.parse(scope.periodFrom);
  const to = Date.parse(scope.periodTo);
  const length = to - from;
  const period = { from: scope.periodFrom, to: scope.periodTo };
  const previousPeriod = { from: new Date(from - length).toISOString(), to: scope.periodFrom };
  const nextPeriod = { from: scope.periodTo, to: new Date(to + length).toISOString() };
  const places = await sitrepPlaces(store);

  const current = await windowIncidents(store, reader, scope.jcc, period.from, period.to);
  const previous = await windowIncidents(store, reader, scope.jcc, previousPeriod.from, previousPeriod.to);
  const figures = incidentFigures(current, previous, places);
  const gap = await sitrepGap(store, reader, period, previousPeriod, places, scope.jcc);
  const coordination = await sitrepCoordination(store, reader, scope.jcc, period, nextPeriod);

  const withCasualties = current.whole.filter((i) => {
    const c = casualtyTotals(i.casualties);
    return c.killed + c.wounded + c.abducted > 0;
  });
  const highlights = sitrepHighlights({
    incidents: figures.incidents.total,
    casualties: {
      incidents: withCasualties.length,
      total: figures.incidents.casualties.total,
      civilians: figures.incidents.casualties.civilians,
    },
    gap: gap && {
      share: gap.gap.uncoveredShare,
      km2: gap.gap.uncoveredKm2,
      previousShare: gap.previous.uncoveredShare,
      previousKm2: gap.previous.uncoveredKm2,
      corridors: gap.corridorsAt.map((at, n) => ({ at, place: gap.gap.corridors[n].narrowestAt })),
      previousCorridors: gap.previous.corridorsAt,
    },
    overdueRequests: coordination.requests.overdue,
    activityConflicts: [...coordination.activitiesDone, ...coordination.activitiesPlanned].reduce(
      (n, a) => n + a.conflicts,
      0,
    ),
  });

  const mentioned = new Set<string>([scope.originatorOrg, ...orgs, ...scope.jcc.members]);
  for (const f of [...figures.incidents.casualties.forces, ...figures.incidents.previousCasualties.forces])
    mentioned.add(f.org);
  for (const a of coordination.acknowledgementsOutstanding) mentioned.add(a.org);
  const orgNames: Record<string, NameSet> = {};
  for (const code of [...mentioned].sort()) {
    const org = await store.organisations.find(code);
    orgNames[code] = org ? namesOf(org) : { en: code, ar: null, ckb: null };
  }

  return {
    asOf: store.now().toISOString(),
    jcc: { code: scope.jcc.code, name: namesOf(scope.jcc) },
    period,
    previousPeriod,
    audience: { releasability: formatReleasability(scope.audience), orgs },
    orgNames,
    highlights,
    incidents: figures.incidents,
    civilianHarm: figures.civilianHarm,
    gap: gap?.gap ?? null,
    coordination,
  };
}
