import type { Position } from '../domain/geojson.ts';
import type { Grading } from '../domain/grading.ts';
import { formatUuidV7 } from '../domain/ids.ts';
import type { Casualties, CasualtyCounts, LocationPrecision, TimePrecision, Verification } from '../domain/incident.ts';
import type { Releasability } from '../domain/releasability.ts';
import { type IncidentType, incidentTypes } from '../domain/taxonomy.ts';
import { distanceKm } from '../geo/distance.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { allPlaces } from './places.ts';
import type { GapStretch } from './presence-gen.ts';
import type { Random } from './random.ts';
import type { ScenarioGeometry } from './scenario-geometry.ts';
import type { DemoScenario } from './scenario-types.ts';

type DemoIncident = DemoScenario['incidents'][number];

const dayMs = 86_400_000;
const forceLabel: Record<string, string> = { isf: 'ISF', peshmerga: 'Peshmerga', coalition: 'coalition' };
/** The force's name with its article: "an ISF", "a Peshmerga". */
const aForce = (org: string) => `${org === 'isf' ? 'an' : 'a'} ${forceLabel[org]}`;

/** Relative frequency of each type, and whether it usually targets a force. */
const typeMix: ReadonlyArray<readonly [IncidentType, number]> = [
  ['sighting', 18],
  ['ied', 14],
  ['ied_found_cleared', 12],
  ['indirect_fire', 9],
  ['arrest', 9],
  ['armed_clash', 8],
  ['checkpoint_attack', 8],
  ['assassination', 5],
  ['kidnapping', 5],
  ['attack_on_civilians', 3],
  ['abduction', 2],
  ['grenade', 2],
  ['air_drone_strike', 2],
  ['looting_property_destruction', 2],
  ['other', 2],
  ['suicide_bomb', 1],
];

const gradings: ReadonlyArray<readonly [Grading | null, number]> = [
  [{ reliability: 'B', credibility: 2 }, 20],
  [{ reliability: 'C', credibility: 3 }, 20],
  [{ reliability: 'B', credibility: 3 }, 10],
  [{ reliability: 'C', credibility: 2 }, 10],
  [{ reliability: 'A', credibility: 2 }, 3],
  [{ reliability: 'B', credibility: 1 }, 3],
  [{ reliability: 'D', credibility: 4 }, 5],
  [{ reliability: 'C', credibility: 4 }, 5],
  [{ reliability: 'E', credibility: 5 }, 2],
  [{ reliability: 'F', credibility: 6 }, 5],
  [null, 17],
];

const releasabilities: ReadonlyArray<readonly [Releasability, number]> = [
  [{ scope: 'partners' }, 71],
  [{ scope: 'org' }, 15],
  [{ scope: 'coalition' }, 10],
  [{ scope: 'group', group: 'kcl-intel' }, 4],
];

const verificationMix: ReadonlyArray<readonly [Verification, number]> = [
  ['reported', 50],
  ['confirmed', 35],
  ['discounted', 15],
];
const timePrecisionMix: ReadonlyArray<readonly [TimePrecision, number]> = [
  ['day', 85],
  ['days', 8],
  ['week', 5],
  ['month', 2],
];
const locationPrecisionMix: ReadonlyArray<readonly [LocationPrecision, number]> = [
  ['exact', 78],
  ['near_place', 17],
  ['district', 5],
];
/** Night-heavy hours of the day (UTC). */
const hourMix = Array.from({ length: 24 }, (_, h) => [h, h >= 18 || h < 5 ? 3 : 1] as const);

/** Geometric count with the given mean: mostly zero or one, occasionally larger. */
function count(r: Random, mean: number): number {
  if (mean <= 0) return 0;
  const p = 1 / (1 + mean);
  return Math.floor(Math.log(1 - r.next()) / Math.log(1 - p));
}

const zero = (): CasualtyCounts => ({ killed: 0, wounded: 0, abducted: 0 });

/** Casualties by type: [force killed, force wounded, force abducted, civilians killed, wounded, abducted] means. */
const harm: Partial<Record<IncidentType, [number, number, number, number, number, number]>> = {
  ied: [0.2, 0.8, 0, 0.1, 0.4, 0],
  indirect_fire: [0.05, 0.4, 0, 0.1, 0.5, 0],
  armed_clash: [0.3, 0.9, 0.05, 0.05, 0.2, 0],
  checkpoint_attack: [0.4, 1, 0.05, 0.05, 0.1, 0],
  assassination: [0, 0, 0, 0.1, 0.2, 0],
  kidnapping: [0, 0, 0, 0, 0, 0.8],
  abduction: [0, 0, 0, 0, 0, 0.2],
  attack_on_civilians: [0, 0, 0, 0.6, 1, 0.1],
  grenade: [0.05, 0.5, 0, 0.1, 0.6, 0],
  suicide_bomb: [1, 2, 0, 3, 6, 0],
  air_drone_strike: [0, 0, 0, 0.05, 0.05, 0],
};

/** What the narrative of a type says happened, whatever the draw: a killing kills, an abduction takes someone. */
const atLeast: Partial<Record<IncidentType, Partial<CasualtyCounts>>> = {
  assassination: { killed: 1 },
  kidnapping: { abducted: 1 },
  abduction: { abducted: 1 },
};

function casualties(r: Random, type: IncidentType, force: string): Casualties {
  const m = harm[type];
  const floor = atLeast[type];
  if (!m || (!floor && r.chance(0.35))) return { forces: [], civilians: zero() };
  const f = { killed: count(r, m[0]), wounded: count(r, m[1]), abducted: count(r, m[2]) };
  const forces = f.killed + f.wounded + f.abducted > 0 ? [{ org: force, ...f }] : [];
  const civilians = { killed: count(r, m[3]), wounded: count(r, m[4]), abducted: count(r, m[5]) };
  civilians.killed += floor?.killed ?? 0;
  civilians.abducted += floor?.abducted ?? 0;
  return { forces, civilians };
}

function describe(r: Random, type: IncidentType, force: string, where: string): string {
  const f = forceLabel[force];
  const a = aForce(force);
  const n = r.int(2, 9);
  switch (type) {
    case 'sighting':
      return `${n} armed men on motorbikes seen moving ${r.pick(['north', 'south', 'east', 'west'])} ${where}`;
    case 'ied':
      return `IED detonated against ${a} patrol vehicle ${where}`;
    case 'ied_found_cleared':
      return `${f} EOD team cleared an IED found beside the road ${where}`;
    case 'indirect_fire':
      return `${n} mortar rounds landed near ${a} position ${where}`;
    case 'arrest':
      return `${f} detained ${Math.min(n, 4)} suspects at a checkpoint ${where}`;
    case 'armed_clash':
      return `${f} unit exchanged fire with an armed group ${where}`;
    case 'checkpoint_attack':
      return `Gunmen attacked ${a} checkpoint ${where}`;
    case 'assassination':
      return `Village mukhtar shot dead by gunmen ${where}`;
    case 'kidnapping':
      return `Gunmen seized shepherds from their flock and demanded ransom ${where}`;
    case 'abduction':
      return `Villager taken from his home by armed men ${where}`;
    case 'attack_on_civilians':
      return `Gunmen fired on a farmers' vehicle ${where}`;
    case 'grenade':
      return `Grenade thrown at ${a} post ${where}`;
    case 'air_drone_strike':
      return `Coalition air strike on a hideout in the hills ${where}`;
    case 'looting_property_destruction':
      return `Crops and a generator set on fire ${where}`;
    case 'suicide_bomb':
      return `Suicide bomber detonated at ${a} checkpoint ${where}`;
    default:
      return `Unexplained explosion heard ${where}`;
  }
}

function casualtyText(c: Casualties): string {
  const parts: string[] = [];
  const add = (who: (n: number) => string, k: CasualtyCounts) => {
    if (k.killed) parts.push(`${k.killed} ${who(k.killed)} killed`);
    if (k.wounded) parts.push(`${k.wounded} ${who(k.wounded)} wounded`);
    if (k.abducted) parts.push(`${k.abducted} ${who(k.abducted)} abducted`);
  };
  for (const f of c.forces) add(() => forceLabel[f.org], f);
  add((n) => (n === 1 ? 'civilian' : 'civilians'), c.civilians);
  return parts.length ? `Casualties: ${parts.join(', ')}.` : 'No casualties reported.';
}

function compass(from: Position, to: Position): string {
  const dx = (to[0] - from[0]) * Math.cos((from[1] * Math.PI) / 180);
  const dy = to[1] - from[1];
  const sector = Math.round(((Math.atan2(dx, dy) * 180) / Math.PI + 360) / 45) % 8;
  return ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'][sector];
}

function nearestPlace(p: Position) {
  let best = { name: allPlaces[0].name, at: allPlaces[0].at, km: Infinity };
  for (const place of allPlaces) {
    const km = distanceKm(p, place.at);
    if (km < best.km) best = { ...place, km };
  }
  return best;
}

/** A location: 70% inside a deliberate gap (corridors weighted by length twice), the rest along the whole zone and a little beyond. */
function location(r: Random, g: ScenarioGeometry, gaps: GapStretch[]): Position {
  const L = g.locator.lengthKm;
  if (r.chance(0.7)) {
    const gap = r.weighted(gaps.map((s) => [s, (s.toKm - s.fromKm) * (s.uncovered.length === 2 ? 2 : 1)] as const));
    const c = r.range(gap.fromKm, gap.toKm);
    if (gap.uncovered.length === 2) return g.locator.pointAt(c, r.range(-19.5, 19.5));
    const side = gap.uncovered[0] === g.leftOrg ? 1 : -1;
    return g.locator.pointAt(c, r.chance(0.85) ? side * r.range(0.5, 19.5) : -side * r.range(0.5, 19.5));
  }
  const offset = Math.max(-28, Math.min(28, r.normal(0, 12)));
  return g.locator.pointAt(r.range(1, L - 1), offset);
}

/** Generates `n` exercise incidents in the 90 days before asOf, clustered in the gaps, sorted by time. */
export function generateIncidents(
  r: Random,
  g: ScenarioGeometry,
  gaps: GapStretch[],
  asOfMs: number,
  n: number,
): DemoIncident[] {
  const firstDay = Math.floor(asOfMs / dayMs) * dayMs;
  const drafts = Array.from({ length: n }, () => {
    const raw = location(r, g, gaps);
    const [lon, lat] = [Math.round(raw[0] * 1e5) / 1e5, Math.round(raw[1] * 1e5) / 1e5];
    const sideOrg = g.locator.locate([lon, lat]).signedKm >= 0 ? g.leftOrg : g.rightOrg;
    const otherOrg = sideOrg === g.leftOrg ? g.rightOrg : g.leftOrg;
    const type = r.weighted(typeMix);
    const ownerOrg =
      type === 'air_drone_strike'
        ? 'coalition'
        : r.weighted([
            [sideOrg, 85],
            [otherOrg, 12],
            ['coalition', 3],
          ] as const);
    const targetForce = type === 'air_drone_strike' ? sideOrg : ownerOrg === 'coalition' ? sideOrg : ownerOrg;
    // Whole days back from asOf's midnight, so every time falls inside the 90-day window before asOf.
    const ms = firstDay - r.int(1, 89) * dayMs + r.weighted(hourMix) * 3_600_000 + r.int(0, 59) * 60_000;
    const locationPrecision = r.weighted(locationPrecisionMix);
    const place = nearestPlace([lon, lat]);
    const km = Math.round(place.km);
    const where =
      locationPrecision !== 'exact' || km < 2
        ? `near ${place.name}`
        : `about ${km} km ${compass(place.at, [lon, lat])} of ${place.name}`;
    const c = casualties(r, type, targetForce);
    const jcc = g.aors.find((a) => pointInAreal([lon, lat], a.aor))?.code ?? null;
    return {
      id: formatUuidV7(ms, r.bytes(10)),
      type,
      time: new Date(ms).toISOString(),
      timePrecision: r.weighted(timePrecisionMix),
      lon,
      lat,
      locationPrecision,
      place: place.name,
      narrative: `EXERCISE: ${describe(r, type, targetForce, where)}. ${casualtyText(c)}`,
      casualties: c,
      grading: r.weighted(gradings),
      releasability: r.weighted(releasabilities),
      verification: r.weighted(verificationMix),
      ownerOrg,
      jcc,
      source: 'demo',
      sourceId: '',
      exercise: true,
      tearline: null,
    } satisfies DemoIncident;
  });
  // Some events are reported twice, by the other force, a little later and a little off: the
  // duplicates the centres must spot (marked as such; the loader links each to its original).
  const echoes = drafts
    .filter((_, k) => k % 40 === 7)
    .map((d) => {
      const ms = Date.parse(d.time) + 45 * 60_000;
      return {
        ...d,
        id: formatUuidV7(ms, r.bytes(10)),
        time: new Date(ms).toISOString(),
        lon: Math.round((d.lon + 0.004) * 1e5) / 1e5,
        lat: Math.round((d.lat + 0.002) * 1e5) / 1e5,
        ownerOrg: d.ownerOrg === 'isf' ? 'peshmerga' : 'isf',
        narrative: `EXERCISE: second report of the same event. ${d.narrative.replace(/^EXERCISE: /, '')}`,
        releasability: { scope: 'partners' } as Releasability,
        verification: 'duplicate' as const,
      } satisfies DemoIncident;
    });
  drafts.push(...echoes);
  drafts.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  return drafts.map((d, i) => ({
    ...d,
    sourceId: `demo-${String(i + 1).padStart(4, '0')}`,
    // Every other owner-only report shares a tearline with the whole coalition.
    tearline:
      d.releasability.scope === 'org' && i % 2 === 0
        ? {
            releasability: { scope: 'coalition' as const },
            summary: `EXERCISE: ${incidentTypes[d.type].label} reported`,
          }
        : null,
  }));
}
