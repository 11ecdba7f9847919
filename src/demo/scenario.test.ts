import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../domain/geojson.ts';
import { uuidPattern } from '../domain/ids.ts';
import { lineLengthKm } from '../geo/distance.ts';
import { lineLocator } from '../geo/line-side.ts';
import { pointInAreal } from '../geo/point-in-polygon.ts';
import { areaKm2, intersection, unionAll } from '../geo/polygon-ops.ts';
import { projectionFor } from '../geo/projection.ts';
import { buildDemoScenario } from './scenario.ts';
import type { DemoScenario } from './scenario-types.ts';

const asOf = '2026-11-23T12:00:00.000Z';
const t0 = performance.now();
const scenario = buildDemoScenario({ seed: 1, asOf });
console.log(`# buildDemoScenario took ${(performance.now() - t0).toFixed(0)} ms`);
const locator = lineLocator(scenario.line.line);

test('the same seed and asOf give a deep-equal scenario; another seed other incidents', () => {
  assert.deepEqual(buildDemoScenario({ seed: 1, asOf }), scenario);
  const other = buildDemoScenario({ seed: 2, asOf });
  assert.notDeepEqual(other.incidents, scenario.incidents);
  assert.notDeepEqual(other.presence, scenario.presence);
  assert.deepEqual(other.line, scenario.line);
});

test('organisations, users and line are as specified', () => {
  assert.deepEqual(
    scenario.organisations.map((o) => o.code),
    ['isf', 'peshmerga', 'coalition'],
  );
  assert.equal(scenario.users.length, 15);
  assert.ok(scenario.users.some((u) => u.username === 'isf-liaison' && u.org === 'isf' && u.roles[0] === 'liaison'));
  assert.equal(scenario.line.name, 'Kurdish Coordination Line (exercise)');
  assert.equal(scenario.line.zoneKm, 20);
  // Walking from Khanaqin towards Sinjar, the ISF side (south-west) is on the left.
  assert.equal(scenario.line.leftOrg, 'isf');
  assert.equal(scenario.line.rightOrg, 'peshmerga');
  assert.equal(scenario.line.exercise, true);
  assert.equal(scenario.asOf, asOf);
});

test('the line does not cross itself', () => {
  const c = scenario.line.line.coordinates;
  const cross = (o: Position, a: Position, b: Position) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  for (let i = 0; i + 1 < c.length; i++) {
    for (let j = i + 2; j + 1 < c.length; j++) {
      const proper =
        cross(c[i], c[i + 1], c[j]) * cross(c[i], c[i + 1], c[j + 1]) < 0 &&
        cross(c[j], c[j + 1], c[i]) * cross(c[j], c[j + 1], c[i + 1]) < 0;
      assert.equal(proper, false, `segments ${i} and ${j} cross`);
    }
  }
});

test('the four JCC areas partition the zone', () => {
  assert.deepEqual(
    scenario.jccs.map((j) => j.code),
    ['diyala', 'k1', 'makhmour', 'nineveh'],
  );
  const zone = areaKm2(scenario.line.zone);
  const sum = scenario.jccs.reduce((s, j) => s + areaKm2(j.aor), 0);
  assert.ok(Math.abs(sum - zone) / zone < 0.001, `sum ${sum} vs zone ${zone}`);
  const union = areaKm2(unionAll(scenario.jccs.map((j) => j.aor)));
  assert.ok(Math.abs(union - zone) / zone < 0.001, `union ${union} vs zone ${zone}`);
  for (let i = 0; i < scenario.jccs.length; i++) {
    for (let k = i + 1; k < scenario.jccs.length; k++) {
      assert.ok(areaKm2(intersection(scenario.jccs[i].aor, scenario.jccs[k].aor)) < 0.001 * zone);
    }
  }
  for (const j of scenario.jccs) assert.deepEqual(j.members, ['isf', 'peshmerga', 'coalition']);
});

test('presence: at least 60 checkpoints per force, each on its own side 3–18 km from the line', () => {
  for (const org of ['isf', 'peshmerga']) {
    const side = org === scenario.line.leftOrg ? 1 : -1;
    const cps = scenario.presence.filter((p) => p.org === org && p.kind === 'checkpoint');
    assert.ok(cps.length >= 60, `${org}: ${cps.length}`);
    assert.match(cps[16].name, /CP-017$/);
    for (const cp of cps) {
      if (cp.kind !== 'checkpoint') continue;
      const d = locator.locate(cp.geometry.coordinates).signedKm * side;
      assert.ok(d >= 2.99 && d <= 18.01, `${cp.name} at ${d} km`);
      assert.ok(cp.radiusKm >= 3 && cp.radiusKm <= 6);
    }
    const patrols = scenario.presence.filter((p) => p.org === org && p.kind === 'patrol');
    assert.ok(patrols.length >= 5);
    for (const p of patrols) {
      if (p.kind !== 'patrol') continue;
      const len = lineLengthKm(p.geometry);
      assert.ok(len >= 8 && len <= 35, `${p.name}: ${len} km`);
      assert.ok(p.bufferKm >= 1 && p.bufferKm <= 3 && p.schedule !== null);
    }
    assert.ok(scenario.presence.some((p) => p.org === org && p.kind === 'unit_aor'));
  }
  assert.ok(scenario.presence.some((p) => p.org === 'coalition'));
  for (const p of scenario.presence) {
    assert.match(p.id, uuidPattern);
    assert.equal(p.exercise, true);
    assert.ok(p.activeTo === null || p.activeTo > p.activeFrom);
  }
  assert.equal(new Set(scenario.presence.map((p) => p.id)).size, scenario.presence.length);
});

test('incidents: at least 500, all exercise, in the 90 days before asOf', () => {
  const end = Date.parse(asOf);
  assert.ok(scenario.incidents.length >= 500);
  for (const i of scenario.incidents) {
    const t = Date.parse(i.time);
    assert.equal(new Date(t).toISOString(), i.time);
    assert.ok(t <= end && t > end - 90 * 86_400_000, i.time);
    assert.equal(i.exercise, true);
    assert.ok(i.narrative.startsWith('EXERCISE:'));
    assert.match(i.id, uuidPattern);
    assert.equal(i.source, 'demo');
    assert.match(i.sourceId ?? '', /^demo-\d{4}$/);
  }
  assert.equal(new Set(scenario.incidents.map((i) => i.id)).size, scenario.incidents.length);
  const types = new Set(scenario.incidents.map((i) => i.type));
  for (const t of [
    'ied',
    'indirect_fire',
    'armed_clash',
    'checkpoint_attack',
    'assassination',
    'kidnapping',
    'sighting',
  ]) {
    assert.ok(types.has(t as never), t);
  }
  const share = (f: (i: DemoScenario['incidents'][number]) => boolean) =>
    scenario.incidents.filter(f).length / scenario.incidents.length;
  assert.ok(share((i) => i.releasability.scope === 'partners') > 0.5);
  assert.ok(share((i) => i.releasability.scope === 'group') > 0);
  assert.ok(share((i) => i.casualties.forces.length + i.casualties.civilians.killed > 0) > 0.1);
  // Narratives and casualties agree: an assassination kills someone, a kidnapping takes someone.
  for (const i of scenario.incidents.filter((x) => x.type === 'assassination'))
    assert.ok(i.casualties.civilians.killed > 0);
  for (const i of scenario.incidents.filter((x) => x.type === 'kidnapping'))
    assert.ok(i.casualties.civilians.abducted > 0);
});

test("every incident's jcc is the JCC area containing it, and null only outside the zone", () => {
  for (const i of scenario.incidents) {
    const p: Position = [i.lon, i.lat];
    const containing = scenario.jccs.filter((j) => pointInAreal(p, j.aor)).map((j) => j.code);
    assert.ok(containing.length <= 1);
    assert.equal(i.jcc, containing[0] ?? null);
    if (pointInAreal(p, scenario.line.zone)) assert.notEqual(i.jcc, null);
  }
  assert.ok(scenario.incidents.some((i) => i.jcc === null));
});

/** A 1 km grid over the zone in the line's equal-area projection, marking cells that no presence ever covers. */
function coverageGrid(s: DemoScenario) {
  const proj = projectionFor(s.line.line);
  const zonePlanar = s.line.zone;
  const discs: Array<[number, number, number]> = [];
  const segments: Array<[Position, Position, number]> = [];
  const sectors: DemoScenario['presence'] = [];
  for (const p of s.presence) {
    if (p.kind === 'checkpoint') discs.push([...proj.forward(p.geometry.coordinates), p.radiusKm * 1000]);
    else if (p.kind === 'patrol') {
      const xy = p.geometry.coordinates.map(proj.forward);
      for (let k = 1; k < xy.length; k++) segments.push([xy[k - 1], xy[k], p.bufferKm * 1000]);
    } else sectors.push(p);
  }
  const segDist = ([x, y]: Position, [a, b]: [Position, Position, number]) => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
  };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const ring of s.line.zone.type === 'Polygon' ? s.line.zone.coordinates : s.line.zone.coordinates.flat()) {
    for (const p of ring) {
      const [x, y] = proj.forward(p);
      xs.push(x);
      ys.push(y);
    }
  }
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const nx = Math.ceil((Math.max(...xs) - x0) / 1000);
  const ny = Math.ceil((Math.max(...ys) - y0) / 1000);
  const cells: Array<{ free: boolean; signedKm: number; chainageKm: number } | null> = new Array(nx * ny).fill(null);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const xy: Position = [x0 + (i + 0.5) * 1000, y0 + (j + 0.5) * 1000];
      const ll = proj.inverse(xy);
      if (!pointInAreal(ll, zonePlanar)) continue;
      const covered =
        discs.some(([cx, cy, r]) => Math.hypot(xy[0] - cx, xy[1] - cy) <= r) ||
        segments.some((seg) => segDist(xy, seg) <= seg[2]) ||
        sectors.some((p) => p.kind === 'unit_aor' && pointInAreal(ll, p.geometry));
      const at = locator.locate(ll);
      cells[j * nx + i] = { free: !covered, signedKm: at.signedKm, chainageKm: at.chainageKm };
    }
  }
  return { cells, nx, ny };
}

const grid = coverageGrid(scenario);

test('the zone has gaps: some of it is covered by no presence at all', () => {
  const zoneCells = grid.cells.filter((c) => c !== null);
  const free = zoneCells.filter((c) => c.free).length;
  console.log(
    `# ${zoneCells.length} zone cells of 1 km², ${free} never covered (${((100 * free) / zoneCells.length).toFixed(0)}%)`,
  );
  assert.ok(free > 0.1 * zoneCells.length);
  assert.ok(free < 0.9 * zoneCells.length);
});

/** True when uncovered zone cells, all with chainage in [fromKm, toKm], connect the left edge to the right edge. */
function crossesWithin(fromKm: number, toKm: number): boolean {
  const { cells, nx } = grid;
  const open = (k: number) => {
    const c = cells[k];
    return c?.free === true && c.chainageKm >= fromKm && c.chainageKm <= toKm;
  };
  const seen = new Uint8Array(cells.length);
  const queue: number[] = [];
  for (let k = 0; k < cells.length; k++) {
    if (open(k) && cells[k]!.signedKm >= 18.5) {
      seen[k] = 1;
      queue.push(k);
    }
  }
  while (queue.length) {
    const k = queue.pop()!;
    if (cells[k]!.signedKm <= -18.5) return true;
    const i = k % nx;
    for (const n of [i > 0 ? k - 1 : -1, i < nx - 1 ? k + 1 : -1, k - nx, k + nx]) {
      if (n >= 0 && n < cells.length && !seen[n] && open(n)) {
        seen[n] = 1;
        queue.push(n);
      }
    }
  }
  return false;
}

test('a corridor exists: uncovered cells connect the left edge of the zone to the right edge', () => {
  const L = locator.lengthKm;
  // Leave out the round caps beyond the line's ends, where one could walk around the line instead of across it.
  assert.ok(crossesWithin(0.5, L - 0.5));
  // Where: windows of 30 km along the line that hold a whole crossing.
  const windows: string[] = [];
  for (let a = 0; a + 30 <= L; a += 10)
    if (crossesWithin(Math.max(a, 0.5), Math.min(a + 30, L - 0.5))) windows.push(`${a}-${a + 30}`);
  console.log(`# 30 km windows of the line holding a whole corridor (km): ${windows.join(', ')}`);
  assert.ok(windows.length > 0);
});

test('the coordination week: rules for every organisation, plans of each force in every state to come, requests of every kind, nothing after asOf', () => {
  const steps = scenario.coordination.steps;
  const asOfMs = Date.parse(asOf);
  assert.ok(
    steps.every((s, i) => i === 0 || steps[i - 1].at <= s.at),
    'in time order',
  );
  assert.ok(steps.every((s) => Date.parse(s.at) <= asOfMs && Date.parse(s.at) >= asOfMs - 8 * 86_400_000));
  const of = <K extends (typeof steps)[number]['do']>(k: K) =>
    steps.filter((s): s is Extract<(typeof steps)[number], { do: K }> => s.do === k);
  for (const org of ['isf', 'peshmerga', 'coalition']) {
    assert.ok(
      of('default_rules').some((s) => s.user === `${org}-analyst`),
      org,
    );
    assert.ok(
      of('rule').some((s) => s.user === `${org}-analyst` && s.body.kind === 'incident_near_activity'),
      org,
    );
  }
  const plans = of('plan');
  assert.ok(plans.length >= 15, `${plans.length} plans`);
  for (const org of ['isf', 'peshmerga', 'coalition'])
    assert.ok(
      plans.some((p) => p.user === `${org}-liaison`),
      `${org} plans`,
    );
  assert.ok(
    plans.some((p) => JSON.stringify(p.body.owner_orgs) === '["isf","peshmerga"]'),
    'a joint operation',
  );
  assert.ok(plans.filter((p) => p.body.recurrence).length >= 4, 'daily patrols of both forces');
  assert.ok(
    plans.some((p) => p.body.releasability === 'org'),
    'an activity released to its owner alone',
  );
  for (const d of [
    'notify',
    'acknowledge',
    'concern',
    'approve',
    'start',
    'done',
    'cancel',
    'sweep',
    'report',
  ] as const)
    assert.ok(of(d).length > 0, d);
  const requests = of('request');
  assert.ok(requests.length >= 10);
  assert.deepEqual([...new Set(requests.map((r) => r.body.kind))].sort(), [
    'engineering',
    'eod',
    'isr',
    'logistics',
    'medevac',
    'other',
    'qrf',
  ]);
  const keys = new Set([...plans.map((p) => p.key), ...requests.map((r) => r.key)]);
  for (const s of steps) if ('key' in s) assert.ok(keys.has(s.key), `${s.do} acts on ${s.key}, made before`);
  const other = buildDemoScenario({ seed: 2, asOf });
  assert.notDeepEqual(other.coordination, scenario.coordination);
});
