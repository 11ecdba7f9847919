import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Areal, MultiPolygon, Position } from '../src/domain/geojson.ts';
import { interiorPoint } from '../src/geo/interior-point.ts';
import { pointInAreal } from '../src/geo/point-in-polygon.ts';
import { startDemoServer } from './harness/demo-server.ts';
import type { TestServer } from './harness/fixture.ts';

interface Casualties {
  killed: number;
  wounded: number;
  abducted: number;
}
interface ApiIncident {
  id: string;
  tearline?: boolean;
  type: string;
  verification: string;
  casualties: { forces: Array<{ org: string } & Casualties>; civilians: Casualties };
}

/** Every incident of the JCC in the window, as a user of one organisation gets them from the API. */
async function apiIncidents(s: TestServer, cookie: string, jcc: string, from: string, to: string) {
  const out: ApiIncident[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ since: from, until: to, jcc, limit: '1000' });
    if (cursor) q.set('cursor', cursor);
    const r = await s.request('GET', `/api/v1/incidents?${q}`, { cookie });
    assert.equal(r.status, 200, r.text);
    out.push(...r.body.items);
    cursor = r.body.next;
  } while (cursor);
  return out.filter((i) => !i.tearline && i.verification !== 'duplicate' && i.verification !== 'discounted');
}

/** What the test reads of `GET /api/v1/gaps`. */
interface ApiGaps {
  zone_km2: number;
  uncovered_km2: number;
  uncovered_share: number;
  longest_uncovered_stretch_km: number;
  per_aor: Array<{ code: string; zone_km2: number; uncovered_km2: number; uncovered_share: number }>;
  corridors: Array<{ id: string; narrowest_at: Position }>;
  hotspots: { regions: Array<{ id: string; outline: MultiPolygon }> } | null;
  recommendations: { sites: Array<{ lon: number; lat: number; gain: number }> } | null;
}

function figures(incidents: ApiIncident[]) {
  const byType: Record<string, number> = {};
  const total = { killed: 0, wounded: 0, abducted: 0 };
  const civilians = { killed: 0, wounded: 0, abducted: 0 };
  for (const i of incidents) {
    byType[i.type] = (byType[i.type] ?? 0) + 1;
    for (const c of [...i.casualties.forces, i.casualties.civilians])
      for (const k of ['killed', 'wounded', 'abducted'] as const) total[k] += c[k];
    for (const k of ['killed', 'wounded', 'abducted'] as const) civilians[k] += i.casualties.civilians[k];
  }
  return { count: incidents.length, byType, total, civilians };
}

function sitrepFigures(content: {
  incidents: {
    total: { count: number };
    byType: Array<{ type: string; count: number }>;
    casualties: { total: Casualties; civilians: Casualties };
  };
}) {
  return {
    count: content.incidents.total.count,
    byType: Object.fromEntries(content.incidents.byType.filter((t) => t.count > 0).map((t) => [t.type, t.count])),
    total: content.incidents.casualties.total,
    civilians: content.incidents.casualties.civilians,
  };
}

test('the figures of a SITREP equal the API’s for the same period and audience, its gap those of its JCC’s area', async (t) => {
  const { server: s } = await startDemoServer(t);
  const analyst = await s.signIn('isf-analyst');
  const to = new Date().toISOString();
  const from = new Date(Date.parse(to) - 3 * 86_400_000).toISOString();

  await t.test('an ISF-only version equals what ISF reads from the API', async () => {
    const r = await s.request('POST', '/api/v1/sitreps', {
      cookie: analyst,
      json: { jcc: 'k1', audience: 'org', period_from: from, period_to: to },
    });
    assert.equal(r.status, 201, r.text);
    const sitrep = r.body;
    assert.equal(sitrep.number, 1);
    assert.equal(sitrep.state, 'draft');
    assert.equal(sitrep.originator_org, 'isf');
    assert.equal(sitrep.next_due, new Date(Date.parse(to) + 3 * 86_400_000).toISOString());
    assert.deepEqual(sitrep.content.audience, { releasability: 'org', orgs: ['isf'] });
    const api = figures(await apiIncidents(s, await s.signIn('isf-viewer'), 'k1', from, to));
    assert.ok(api.count > 0, 'the demo has incidents in the window');
    assert.deepEqual(sitrepFigures(sitrep.content), api);
    // Districts are compared with the previous period as types are: each incident counted once in each.
    const byDistrict: Array<{ count: number; previous: number }> = sitrep.content.incidents.byDistrict;
    const sum = (k: 'count' | 'previous') => byDistrict.reduce((n, d) => n + d[k], 0);
    assert.equal(sum('count'), sitrep.content.incidents.total.count);
    assert.equal(sum('previous'), sitrep.content.incidents.total.previous);
    assert.ok(sitrep.content.incidents.total.previous > 0, 'the demo has incidents in the previous period');

    const viewer = await s.signIn('isf-viewer');
    const gapsOf = async (a: string, b: string): Promise<ApiGaps> => {
      const g = await s.request('GET', `/api/v1/gaps?from=${a}&to=${b}`, { cookie: viewer });
      assert.equal(g.status, 200, g.text);
      return g.body;
    };
    const aor: Areal = (await s.request('GET', '/api/v1/jccs/k1', { cookie: viewer })).body.aor;
    const inAor = (p: Position) => pointInAreal(p, aor);
    const k1Of = (g: ApiGaps) => g.per_aor.find((a) => a.code === 'k1')!;
    const line = await gapsOf(from, to);
    const gap = sitrep.content.gap;
    // The headline figures are those of k1's AOR, the whole line's beside them.
    const k1 = k1Of(line);
    assert.ok(k1.zone_km2 > 0 && k1.zone_km2 < line.zone_km2, 'k1 holds part of the zone, not all of it');
    assert.deepEqual(
      { zoneKm2: gap.zoneKm2, uncoveredKm2: gap.uncoveredKm2, uncoveredShare: gap.uncoveredShare },
      { zoneKm2: k1.zone_km2, uncoveredKm2: k1.uncovered_km2, uncoveredShare: k1.uncovered_share },
    );
    assert.deepEqual(gap.line, {
      zoneKm2: line.zone_km2,
      uncoveredKm2: line.uncovered_km2,
      uncoveredShare: line.uncovered_share,
    });
    assert.equal(gap.longestStretchKm, line.longest_uncovered_stretch_km);
    // Only the corridors, hotspots and checkpoints that lie in k1's AOR.
    const corridorsIn = (g: ApiGaps) => g.corridors.filter((c) => inAor(c.narrowest_at));
    assert.ok(corridorsIn(line).length < line.corridors.length, 'the demo has corridors outside k1');
    assert.deepEqual(
      gap.corridors.map((c: { id: string }) => c.id),
      corridorsIn(line).map((c) => c.id),
    );
    assert.deepEqual(
      gap.hotspots.map((h: { id: string }) => h.id),
      (line.hotspots?.regions ?? []).filter((r) => inAor(interiorPoint(r.outline))).map((r) => r.id),
    );
    assert.deepEqual(
      gap.checkpoints.map((c: { gain: number }) => c.gain),
      (line.recommendations?.sites ?? []).filter((x) => inAor([x.lon, x.lat])).map((x) => x.gain),
    );
    // The trend: k1's share and corridors of each day.
    assert.equal(gap.trend.length, 30);
    assert.equal(gap.trend.at(-1).to, to);
    for (const day of [gap.trend.at(-1), gap.trend[0]]) {
      const w = await gapsOf(day.from, day.to);
      assert.deepEqual(
        { uncoveredShare: day.uncoveredShare, corridors: day.corridors },
        { uncoveredShare: k1Of(w).uncovered_share, corridors: corridorsIn(w).length },
      );
    }
    // The forecast: k1's figures standing against planned, and its corridors staying open.
    const next = new Date(Date.parse(to) + 3 * 86_400_000).toISOString();
    const standing = k1Of(await gapsOf(to, next));
    const f = await s.request('GET', `/api/v1/gaps/forecast?from=${to}&days=3`, { cookie: viewer });
    assert.equal(f.status, 200, f.text);
    const fc = gap.forecast;
    assert.equal(fc.from, to);
    assert.equal(fc.to, next);
    const plannedKm2 = fc.plannedUncoveredShare * standing.zone_km2;
    assert.ok(Math.abs(standing.uncovered_km2 - fc.closesKm2 - plannedKm2) < 0.01, 'closes = standing - planned');
    assert.ok(fc.plannedUncoveredShare <= standing.uncovered_share);
    assert.equal(
      fc.closesShare,
      standing.uncovered_km2 > 0 ? Number((fc.closesKm2 / standing.uncovered_km2).toFixed(4)) : 0,
    );
    assert.equal(
      fc.corridorsStayingOpen,
      f.body.corridors.filter(
        (c: { stays_open: boolean; narrowest_at: Position }) => c.stays_open && inAor(c.narrowest_at),
      ).length,
    );
  });

  await t.test('a partners version counts only what every member organisation sees whole', async () => {
    const r = await s.request('POST', '/api/v1/sitreps', {
      cookie: analyst,
      json: { jcc: 'k1', audience: 'partners', period_from: from, period_to: to },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.number, 2, 'numbered next in the JCC’s series');
    const orgs: string[] = r.body.content.audience.orgs;
    assert.deepEqual(orgs, ['coalition', 'isf', 'peshmerga']);
    const seenBy = await Promise.all(
      orgs.map(async (org) => apiIncidents(s, await s.signIn(`${org}-viewer`), 'k1', from, to)),
    );
    const common = seenBy[0].filter((i) => seenBy.every((list) => list.some((j) => j.id === i.id)));
    assert.deepEqual(sitrepFigures(r.body.content), figures(common));
  });
});
