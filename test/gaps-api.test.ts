import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import { openStore } from '../src/store/store.ts';
import { startServer } from './harness/fixture.ts';
import { withRawSql } from './harness/raw-sql.ts';
import { tempDir } from './harness/temp-dir.ts';

const password = 'demo-test-password-1';
const window = 'from=2026-10-20T00:00:00Z&to=2026-11-20T00:00:00Z';

test('the gap analysis over the API: figures, access, validation and the stored trend', async (t) => {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  await loadDemo(store, buildDemoScenario({ seed: 1, asOf: '2026-11-20T00:00:00.000Z' }), () => password);
  const s = await startServer(t, store);
  const isf = await s.signIn('isf-analyst', password);
  const peshmerga = await s.signIn('peshmerga-viewer', password);

  await t.test('a report with gaps, corridors, a longest stretch and recommended sites', async () => {
    const r = await s.request('GET', `/api/v1/gaps?${window}`, { cookie: isf });
    assert.equal(r.status, 200, r.text);
    const g = r.body;
    assert.ok(g.uncovered_share > 0 && g.uncovered_share < 1);
    assert.ok(Math.abs(g.uncovered_km2 - g.uncovered_share * g.zone_km2) < 1);
    assert.ok(g.corridors.length >= 1, 'the demo has corridors');
    assert.ok(g.longest_uncovered_stretch_km > 0);
    assert.equal(g.gaps.type, 'FeatureCollection');
    assert.equal(g.recommendations.sites.length, 5);
    assert.equal(g.per_aor.length, 4);
    assert.ok(g.inputs.incidents_in_gaps > 0);
  });

  await t.test('each user analyses only the presence they may see', async () => {
    for (const cookie of [isf, peshmerga]) {
      const report = (await s.request('GET', `/api/v1/gaps?${window}&hotspots=false&sites=0`, { cookie })).body;
      let visible = 0;
      let cursor: string | null = null;
      do {
        const page: { body: { items: unknown[]; next: string | null } } = await s.request(
          'GET',
          `/api/v1/presence?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
          { cookie },
        );
        visible += page.body.items.length;
        cursor = page.body.next;
      } while (cursor);
      assert.equal(report.inputs.presence, visible);
    }
  });

  await t.test('bad parameters are refused naming them', async () => {
    for (const [query, field] of [
      ['min_share=2', 'min_share'],
      ['from=2026-11-20T00:00:00Z&to=2026-11-01T00:00:00Z', 'to'],
      ['resolution=15', 'resolution'],
      ['sites=500', 'sites'],
      ['colour=red', 'colour'],
    ] as const) {
      const r = await s.request('GET', `/api/v1/gaps?${query}`, { cookie: isf });
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.ok(
        r.body.error.issues.some((i: { field: string }) => i.field === field),
        r.text,
      );
    }
    const every = await s.request('GET', '/api/v1/gaps/trend?every=1w', { cookie: isf });
    assert.equal(every.status, 400);
    const tooMany = await s.request(
      'GET',
      '/api/v1/gaps/trend?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&every=1d',
      { cookie: isf },
    );
    assert.equal(tooMany.status, 400);
    assert.equal((await s.request('GET', `/api/v1/gaps?${window}`)).status, 401);
  });

  await t.test(
    'the trend is stored as snapshots of the requester’s organisation, replaced when recomputed',
    async () => {
      const q = '/api/v1/gaps/trend?from=2026-11-10T00:00:00Z&to=2026-11-13T00:00:00Z&every=1d';
      const first = await s.request('GET', q, { cookie: isf });
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(
        first.body.items.map((i: { window_from: string }) => i.window_from),
        ['2026-11-10T00:00:00.000Z', '2026-11-11T00:00:00.000Z', '2026-11-12T00:00:00.000Z'],
      );
      await s.request('GET', q, { cookie: isf });
      await s.request('GET', q, { cookie: peshmerga });
      const rows = withRawSql(store, (db) =>
        db.prepare('SELECT org, count(*) AS n FROM gap_snapshots GROUP BY org ORDER BY org').all(),
      );
      assert.deepEqual(
        rows.map((r) => [r.org, Number(r.n)]),
        [
          ['isf', 3],
          ['peshmerga', 3],
        ],
      );
    },
  );
});
