import assert from 'node:assert/strict';
import { test } from 'node:test';
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

test('the figures of a SITREP equal the API’s for the same period and audience', async (t) => {
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

    const gaps = await s.request('GET', `/api/v1/gaps?from=${from}&to=${to}`, { cookie: await s.signIn('isf-viewer') });
    assert.equal(gaps.status, 200, gaps.text);
    const gap = sitrep.content.gap;
    assert.equal(gap.uncoveredShare, gaps.body.uncovered_share);
    assert.equal(gap.uncoveredKm2, gaps.body.uncovered_km2);
    assert.equal(gap.longestStretchKm, gaps.body.longest_uncovered_stretch_km);
    assert.deepEqual(
      gap.corridors.map((c: { id: string }) => c.id),
      gaps.body.corridors.map((c: { id: string }) => c.id),
    );
    assert.equal(gap.trend.length, 30);
    assert.equal(gap.trend.at(-1).to, to);
    assert.ok(gap.forecast);
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
