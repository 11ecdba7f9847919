import type { LineString, Polygon, Position } from '../domain/geojson.ts';
import { formatUuidV7 } from '../domain/ids.ts';
import type { PatrolSchedule } from '../domain/presence.ts';
import type { Releasability } from '../domain/releasability.ts';
import { distanceKm, lineLengthKm } from '../geo/distance.ts';
import type { Random } from './random.ts';
import type { ScenarioGeometry } from './scenario-geometry.ts';
import type { DemoScenario } from './scenario-types.ts';

type DemoPresence = DemoScenario['presence'][number];

/** A stretch of the line, by chainage in km, where some side is left uncovered on purpose. */
export interface GapStretch {
  name: string;
  fromKm: number;
  toKm: number;
  /** The organisations with no presence along the stretch: both for a corridor. */
  uncovered: string[];
}

/** The deliberate gaps of the exercise: two corridors where neither force is present, and one-sided gaps. */
export function gapStretches(g: ScenarioGeometry): GapStretch[] {
  const both = [g.leftOrg, g.rightOrg];
  return [
    { name: 'Hamrin foothills', fromKm: 34, toKm: 62, uncovered: ['isf'] },
    { name: 'Tuz–Daquq corridor', fromKm: 118, toKm: 140, uncovered: both },
    { name: 'Kirkuk–Dibis', fromKm: 188, toKm: 208, uncovered: ['peshmerga'] },
    { name: 'Qarachogh corridor', fromKm: 264, toKm: 280, uncovered: both },
    { name: 'Khazir valley', fromKm: 298, toKm: 326, uncovered: ['isf'] },
    { name: 'Zummar–Sinjar', fromKm: 420, toKm: 450, uncovered: ['peshmerga'] },
  ];
}

const dayMs = 86_400_000;
const forceLabel: Record<string, string> = { isf: 'ISF', peshmerga: 'Peshmerga', coalition: 'Coalition' };

const round5 = (p: Position): Position => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const pad = (n: number) => String(n).padStart(3, '0');

interface Context {
  r: Random;
  g: ScenarioGeometry;
  asOfMs: number;
  gaps: GapStretch[];
}

/** True when nothing of `org` may stand between chainages a and b (its own gaps and the corridors). */
function blocked(ctx: Context, org: string, a: number, b: number): boolean {
  return ctx.gaps.some((gap) => gap.uncovered.includes(org) && a < gap.toKm && b > gap.fromKm);
}

function lifetime(ctx: Context, opensInWindow: number, closesInWindow: number) {
  const { r, asOfMs } = ctx;
  // Midnight UTC starts: presence is planned by the day.
  const day = (ms: number) => new Date(Math.floor(ms / dayMs) * dayMs).toISOString();
  const fromMs = r.chance(opensInWindow) ? asOfMs - r.int(5, 80) * dayMs : asOfMs - r.int(120, 900) * dayMs;
  const closes = r.chance(closesInWindow);
  const toMs = closes ? Math.max(fromMs + 10 * dayMs, asOfMs - r.int(3, 60) * dayMs) : null;
  return { fromMs, activeFrom: day(fromMs), activeTo: toMs === null || toMs >= asOfMs ? null : day(toMs) };
}

function releasability(r: Random): Releasability {
  return r.chance(0.85) ? { scope: 'partners' } : { scope: 'org' };
}

/** Finds a spot on the org's side, `minKm`–`maxKm` from the line near `chainage`, whose footprint avoids blocked stretches. */
function spot(ctx: Context, org: string, chainage: number, minKm: number, maxKm: number, footprintKm: number) {
  const { r, g } = ctx;
  const side = org === g.leftOrg ? 1 : -1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const c = attempt < 20 ? chainage + r.range(-2, 2) : r.range(0, g.locator.lengthKm);
    const p = round5(g.locator.pointAt(c, side * r.range(minKm, maxKm)));
    const at = g.locator.locate(p);
    const d = at.signedKm * side;
    const margin = footprintKm * 1.5 + 1;
    if (d < minKm || d > maxKm || at.chainageKm < 2 || at.chainageKm > g.locator.lengthKm - 2) continue;
    if (blocked(ctx, org, at.chainageKm - margin, at.chainageKm + margin)) continue;
    return { p, chainageKm: at.chainageKm, side };
  }
  throw new Error(`no room for ${org} near chainage ${chainage}`);
}

/**
 * A screen of posts along the org's side, 3–8 km out, each overlapping the next by at least 3 km so nothing slips
 * between them; the screen breaks only at the org's blocked stretches.
 */
function screenPosts(ctx: Context, org: string): Array<{ p: Position; radiusKm: number }> {
  const { r, g } = ctx;
  const side = org === g.leftOrg ? 1 : -1;
  const L = g.locator.lengthKm;
  const posts: Array<{ p: Position; radiusKm: number; chainageKm: number }> = [];
  let prev: (typeof posts)[number] | null = null;
  let c = 0;
  while (c <= L) {
    const radiusKm = Math.round(r.range(3, 6) * 10) / 10;
    const margin = radiusKm + 1;
    const gap = ctx.gaps.find((s) => s.uncovered.includes(org) && c + margin > s.fromKm && c - margin < s.toKm);
    if (gap) {
      // Stop short of the gap and start a fresh screen beyond it.
      c = gap.toKm + margin;
      prev = null;
      continue;
    }
    let placed: (typeof posts)[number] | null = null;
    for (let attempt = 0; attempt < 60 && !placed; attempt++) {
      const p = round5(g.locator.pointAt(Math.min(c, L), side * r.range(3, 8)));
      const d = g.locator.locate(p).signedKm * side;
      if (d < 3 || d > 18) {
        // The inside of a sharp bend is nearer the next leg than asked: move on along the line.
        c += 0.5;
        continue;
      }
      if (prev && distanceKm(prev.p, p) > prev.radiusKm + radiusKm - 3) {
        // Too far from the previous post: step back towards it and retry.
        c = prev.chainageKm + (c - prev.chainageKm) * 0.8;
        continue;
      }
      placed = { p, radiusKm, chainageKm: c };
    }
    if (!placed) throw new Error(`could not continue the ${org} screen at chainage ${c.toFixed(1)} km`);
    posts.push(placed);
    prev = placed;
    if (c >= L) break;
    c = Math.min(L, c + (radiusKm + r.range(3, 6) - 3) * r.range(0.85, 1));
  }
  return posts;
}

function checkpoints(ctx: Context, org: string, depthCount: number): DemoPresence[] {
  const { r, g } = ctx;
  const screen = screenPosts(ctx, org).map((post) => ({ ...post, depth: false }));
  const depth = Array.from({ length: depthCount }, (_, i) => {
    const radiusKm = Math.round(r.range(3, 6) * 10) / 10;
    const { p } = spot(ctx, org, ((i + r.next()) / depthCount) * g.locator.lengthKm, 10, 18, radiusKm);
    return { p, radiusKm, depth: true };
  });
  const all = [...screen, ...depth].sort((a, b) => g.locator.locate(a.p).chainageKm - g.locator.locate(b.p).chainageKm);
  return all.map((post, i) => {
    // Only depth posts open or close inside the window, so the screen itself holds for the whole 90 days.
    const life = post.depth ? lifetime(ctx, 0.25, 0.2) : lifetime(ctx, 0, 0);
    return {
      id: formatUuidV7(life.fromMs, r.bytes(10)),
      kind: 'checkpoint',
      org,
      name: `${forceLabel[org]} CP-${pad(i + 1)}`,
      geometry: { type: 'Point', coordinates: post.p },
      radiusKm: post.radiusKm,
      activeFrom: life.activeFrom,
      activeTo: life.activeTo,
      releasability: releasability(r),
      exercise: true,
    };
  });
}

const schedules: PatrolSchedule[] = [
  { days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '12:00' },
  { days: [7, 1, 2, 3, 4], start: '08:00', end: '14:00' },
  { days: [1, 3, 5, 7], start: '18:00', end: '23:30' },
  { days: [2, 4, 6], start: '04:30', end: '10:30' },
  { days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '23:59' },
];

function patrols(ctx: Context, org: string, count: number): DemoPresence[] {
  const { r, g } = ctx;
  const out: DemoPresence[] = [];
  for (let i = 0; i < count; i++) {
    const bufferKm = r.int(1, 3);
    const spanKm = r.range(10, 26);
    const offsetKm = r.range(4, 13);
    let start = spot(ctx, org, ((i + r.next()) / count) * g.locator.lengthKm, 3, 18, bufferKm);
    while (blocked(ctx, org, start.chainageKm - bufferKm * 2, start.chainageKm + spanKm + bufferKm * 2)) {
      start = spot(ctx, org, r.range(0, g.locator.lengthKm - spanKm), 3, 18, bufferKm);
    }
    const route = (span: number): LineString => {
      const coordinates: Position[] = [];
      const steps = Math.ceil(span / 3);
      const phase = r.range(0, Math.PI * 2);
      for (let k = 0; k <= steps; k++) {
        const c = Math.min(g.locator.lengthKm - 1, start.chainageKm + (span * k) / steps);
        coordinates.push(round5(g.locator.pointAt(c, start.side * (offsetKm + 1.5 * Math.sin(phase + k)))));
      }
      return { type: 'LineString', coordinates };
    };
    // Offsets stretch a route round the outside of bends; shorten it until it is 10–30 km long.
    let geometry = route(spanKm);
    for (let span = spanKm; lineLengthKm(geometry) > 30; span *= 0.8) geometry = route(span);
    const life = lifetime(ctx, 0.05, 0.05);
    out.push({
      id: formatUuidV7(life.fromMs, r.bytes(10)),
      kind: 'patrol',
      org,
      name: `${forceLabel[org]} patrol route P-${pad(i + 1)}`,
      geometry,
      bufferKm,
      schedule: r.pick(schedules),
      activeFrom: life.activeFrom,
      activeTo: life.activeTo,
      releasability: releasability(r),
      exercise: true,
    });
  }
  return out;
}

/** A unit's sector: a ribbon on the org's side between two chainages and two distances from the line. */
function sector(ctx: Context, org: string, fromKm: number, toKm: number, nearKm: number, farKm: number): Polygon {
  const { g } = ctx;
  const side = org === g.leftOrg ? 1 : -1;
  const near: Position[] = [];
  const far: Position[] = [];
  for (let c = fromKm; c < toKm + 1e-9; c += (toKm - fromKm) / 8) {
    near.push(round5(g.locator.pointAt(c, side * nearKm)));
    far.push(round5(g.locator.pointAt(c, side * farKm)));
  }
  const ring = [...near, ...far.reverse(), near[0]];
  // Exterior rings run counter-clockwise (RFC 7946).
  let twice = 0;
  for (let i = 1; i < ring.length; i++) twice += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return { type: 'Polygon', coordinates: [twice > 0 ? ring : ring.reverse()] };
}

function unitSectors(ctx: Context, org: string, units: string[]): DemoPresence[] {
  const { r, g } = ctx;
  return units.map((unit, i) => {
    let from = 0;
    let to = 0;
    do {
      from = r.range(10, g.locator.lengthKm - 30);
      to = from + r.range(12, 20);
    } while (blocked(ctx, org, from - 5, to + 5));
    const life = lifetime(ctx, 0, 0);
    return {
      id: formatUuidV7(life.fromMs, r.bytes(10)),
      kind: 'unit_aor',
      org,
      name: `${forceLabel[org]} ${unit} sector ${i + 1}`,
      geometry: sector(ctx, org, from, to, 2, r.range(8, 12)),
      activeFrom: life.activeFrom,
      activeTo: null,
      releasability: { scope: 'partners' },
      exercise: true,
    };
  });
}

function coalitionPosts(ctx: Context): DemoPresence[] {
  const { r, g } = ctx;
  const posts = [
    { name: 'Coalition liaison post Kifri', chainageKm: 74, offsetKm: 4, radiusKm: 2 },
    { name: 'Coalition base K1', chainageKm: 181, offsetKm: -4, radiusKm: 4 },
    { name: 'Coalition advisers Makhmour', chainageKm: 252, offsetKm: -3, radiusKm: 3 },
    { name: 'Coalition liaison post Bashiqa', chainageKm: 340, offsetKm: -5, radiusKm: 2 },
    { name: 'Coalition advisers Sinjar', chainageKm: 470, offsetKm: 6, radiusKm: 3 },
  ];
  return posts.map((post) => {
    const life = lifetime(ctx, 0, 0);
    return {
      id: formatUuidV7(life.fromMs, r.bytes(10)),
      kind: 'checkpoint',
      org: 'coalition',
      name: post.name,
      geometry: { type: 'Point', coordinates: round5(g.locator.pointAt(post.chainageKm, post.offsetKm)) },
      radiusKm: post.radiusKm,
      activeFrom: life.activeFrom,
      activeTo: null,
      releasability: { scope: 'coalition' },
      exercise: true,
    };
  });
}

/** Generates every presence record of the exercise: checkpoints, patrols and unit sectors of both forces, coalition posts. */
export function generatePresence(r: Random, g: ScenarioGeometry, asOfMs: number): DemoPresence[] {
  const ctx: Context = { r, g, asOfMs, gaps: gapStretches(g) };
  return [
    ...checkpoints(ctx, 'isf', 14),
    ...checkpoints(ctx, 'peshmerga', 14),
    ...patrols(ctx, 'isf', 10),
    ...patrols(ctx, 'peshmerga', 9),
    ...unitSectors(ctx, 'isf', ['5th Division', '16th Division']),
    ...unitSectors(ctx, 'peshmerga', ['70 Forces', '80 Forces']),
    ...coalitionPosts(ctx),
  ];
}
