import { formatGrading } from '../domain/grading.ts';
import { type CasualtyCounts, casualtyTotals, type Incident } from '../domain/incident.ts';
import type { TearlineView } from '../domain/incident-tearline.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { CasualtyFigures, NameSet, SitrepContent, SitrepIncident, SitrepTearline } from '../domain/sitrep.ts';
import { toMgrs } from '../geo/mgrs.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import type { IncidentCursor } from '../store/incidents.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { listIncidents } from './incident-reads.ts';
import type { SitrepPlaces } from './sitrep-places.ts';

/** The most significant incidents a report lists; the rest are in its counts. */
export const maxSignificantIncidents = 25;

/** Verification states that are not a separate event: left out of every figure. */
const notCounted = new Set(['duplicate', 'discounted']);

/** The incidents of a JCC's window its reader may see: whole ones, and the others it sees only as tearlines. */
export interface WindowIncidents {
  whole: Incident[];
  tearlines: TearlineView[];
}

/**
 * The incidents of [from, to) in the JCC that the reader may see, through the access-checked list
 * of incidents: whole records of the JCC, and tearlines whose coarse location lies in its AOR (a
 * tearline names no JCC). Duplicates and discounted reports are left out.
 */
export async function windowIncidents(
  store: Store,
  reader: Actor,
  jcc: Jcc,
  from: string,
  to: string,
): Promise<WindowIncidents> {
  const out: WindowIncidents = { whole: [], tearlines: [] };
  let cursor: IncidentCursor | null = null;
  do {
    const page = await listIncidents(store, reader, { since: from, until: to }, cursor, 1000);
    for (const s of page.items) {
      if (s.seen === 'record') {
        if (s.incident.jcc === jcc.code && !notCounted.has(s.incident.verification)) out.whole.push(s.incident);
      } else if (pointInAreal(s.tearline.location, jcc.aor)) out.tearlines.push(s.tearline);
    }
    cursor = page.next;
  } while (cursor !== null);
  return out;
}

function add(into: CasualtyCounts, c: CasualtyCounts): void {
  into.killed += c.killed;
  into.wounded += c.wounded;
  into.abducted += c.abducted;
}

const none = (): CasualtyCounts => ({ killed: 0, wounded: 0, abducted: 0 });
const anyCasualty = (c: CasualtyCounts) => c.killed + c.wounded + c.abducted > 0;

/** Casualties of incidents: each organisation's forces (by code), civilians, and both together. */
export function casualtyFigures(incidents: readonly Incident[]): CasualtyFigures {
  const forces = new Map<string, CasualtyCounts>();
  const civilians = none();
  const total = none();
  for (const i of incidents) {
    for (const f of i.casualties.forces) {
      const c = forces.get(f.org) ?? none();
      add(c, f);
      forces.set(f.org, c);
    }
    add(civilians, i.casualties.civilians);
    add(total, casualtyTotals(i.casualties));
  }
  return {
    forces: [...forces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([org, c]) => ({ org, ...c })),
    civilians,
    total,
  };
}

function significance(i: Incident): number {
  const c = casualtyTotals(i.casualties);
  return (
    (c.killed + c.wounded + c.abducted) * 4 + (i.verification === 'confirmed' ? 2 : 0) + (i.enrichment.inGap ? 1 : 0)
  );
}

function sitrepIncident(i: Incident, places: SitrepPlaces): SitrepIncident {
  return {
    id: i.id,
    time: i.time,
    type: i.type,
    place: places.at([i.lon, i.lat], i.place),
    district: places.district(i.enrichment.district),
    grading: i.grading === null ? null : formatGrading(i.grading),
    verification: i.verification,
    casualties: casualtyTotals(i.casualties),
    civilianCasualties: { ...i.casualties.civilians },
    inGap: i.enrichment.inGap === true,
    exercise: i.exercise,
  };
}

/** A tearline as the report gives it: only what the tearline view carries, its snapped location to 1 km. */
function sitrepTearline(t: TearlineView): SitrepTearline {
  return {
    id: t.id,
    date: t.date,
    type: t.type,
    mgrs: toMgrs(t.location[0], t.location[1], 2),
    area: t.area,
    casualties: { ...t.casualties },
    summary: t.summary,
    exercise: t.exercise,
  };
}

/**
 * The incident figures of a report: counts by type and by district (each against the previous period),
 * casualties, the significant incidents (with casualties, confirmed or in a gap; most significant
 * first, then newest), the tearlines, and civilian harm.
 */
export function incidentFigures(
  current: WindowIncidents,
  previous: WindowIncidents,
  places: SitrepPlaces,
): Pick<SitrepContent, 'incidents' | 'civilianHarm'> {
  const types = new Map<string, { count: number; previous: number }>();
  for (const i of current.whole) {
    const t = types.get(i.type) ?? { count: 0, previous: 0 };
    t.count++;
    types.set(i.type, t);
  }
  for (const i of previous.whole) {
    const t = types.get(i.type) ?? { count: 0, previous: 0 };
    t.previous++;
    types.set(i.type, t);
  }
  // A district with incidents in the previous period only is listed too, at 0: its change is news.
  const districts = new Map<string, { district: NameSet | null; count: number; previous: number }>();
  for (const [list, field] of [
    [current.whole, 'count'],
    [previous.whole, 'previous'],
  ] as const)
    for (const i of list) {
      const key = i.enrichment.district?.pcode ?? '';
      const d = districts.get(key) ?? { district: places.district(i.enrichment.district), count: 0, previous: 0 };
      d[field]++;
      districts.set(key, d);
    }
  const significant = current.whole
    .filter((i) => significance(i) > 0)
    .sort((a, b) => significance(b) - significance(a) || (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
    .slice(0, maxSignificantIncidents)
    .map((i) => sitrepIncident(i, places));
  const casualties = casualtyFigures(current.whole);
  const previousCasualties = casualtyFigures(previous.whole);
  return {
    incidents: {
      total: { count: current.whole.length, previous: previous.whole.length },
      byType: [...types]
        .map(([type, c]) => ({ type, ...c }))
        .sort((a, b) => b.count - a.count || b.previous - a.previous || (a.type < b.type ? -1 : 1)),
      byDistrict: [...districts.values()].sort(
        (a, b) =>
          b.count - a.count || b.previous - a.previous || ((a.district?.en ?? '~') < (b.district?.en ?? '~') ? -1 : 1),
      ),
      casualties,
      previousCasualties,
      significant,
      tearlines: current.tearlines
        .slice()
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1))
        .map(sitrepTearline),
    },
    civilianHarm: {
      period: casualties.civilians,
      previous: previousCasualties.civilians,
      incidents: current.whole.filter((i) => anyCasualty(i.casualties.civilians)).length,
    },
  };
}
