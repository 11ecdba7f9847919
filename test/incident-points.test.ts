import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snapToGrid } from '../src/geo/grid.ts';
import { createFixture, startServer } from './harness/fixture.ts';

const inKirkuk = { lon: 44.391234, lat: 35.471234 };
const now = new Date('2026-03-10T12:00:00Z');
const fields = ['id', 'lon', 'lat', 'type', 'casualties', 'tearline', 'time', 'org'];

test('map points: what each organisation may see, as compact rows', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'viewer'], now: () => now });
  const s = await startServer(t, store);
  const isf = await s.signIn('isf-reporter');
  const peshmerga = await s.signIn('peshmerga-viewer');
  const other = await s.signIn('other-viewer');

  const post = async (body: Record<string, unknown>): Promise<string> => {
    const r = await s.request('POST', '/api/v1/incidents', { cookie: isf, json: { ...inKirkuk, ...body } });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  const ids = {
    isfOnly: await post({ type: 'ied', time: '2026-03-05T08:00:00Z', releasability: 'org', narrative: 'secret-isf' }),
    tearlineOnly: await post({
      type: 'indirect_fire',
      time: '2026-03-04T21:15:00Z',
      releasability: 'org',
      narrative: 'secret-narrative',
      casualties: { forces: [{ org: 'isf', wounded: 2 }], civilians: { killed: 1, abducted: 1 } },
      tearline: { releasability: 'coalition', summary: 'secret-summary' },
    }),
    partners: await post({ type: 'sighting', time: '2026-03-06T10:00:00Z', releasability: 'partners' }),
    old: await post({ type: 'sighting', time: '2026-01-15T10:00:00Z', releasability: 'partners' }),
  };
  const points = (cookie: string, query = '') => s.request('GET', `/api/v1/incidents/points${query}`, { cookie });
  const byId = (body: { rows: unknown[][] }) => new Map(body.rows.map((r) => [r[0] as string, r]));

  await t.test('the owner sees its records whole, newest first, over the last 30 days by default', async () => {
    const r = await points(isf);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.fields, fields);
    assert.deepEqual(
      r.body.rows.map((row: unknown[]) => row[0]),
      [ids.partners, ids.isfOnly, ids.tearlineOnly],
      'newest first; the January incident is outside the default window',
    );
    assert.equal(r.body.count, 3);
    assert.equal(r.body.truncated, false);
    assert.equal(
      r.body.change_log_seq,
      await store.changeLog.lastSeq(),
      'where a live stream picks up after these points',
    );
    const row = byId(r.body).get(ids.tearlineOnly)!;
    assert.deepEqual(row, [
      ids.tearlineOnly,
      44.39123,
      35.47123,
      'indirect_fire',
      4,
      0,
      '2026-03-04T21:15:00.000Z',
      'isf',
    ]);
  });

  await t.test(
    'an ISF-only record is invisible to Peshmerga; its tearline shows only what a tearline shows',
    async () => {
      const r = await points(peshmerga);
      assert.equal(r.status, 200, r.text);
      const rows = byId(r.body);
      assert.equal(rows.has(ids.isfOnly), false, 'ISF-only record hidden');
      assert.deepEqual(rows.get(ids.partners)?.slice(5), [0, '2026-03-06T10:00:00.000Z', 'isf']);
      const [lon, lat] = snapToGrid(inKirkuk.lon, inKirkuk.lat, 10);
      assert.deepEqual(rows.get(ids.tearlineOnly), [
        ids.tearlineOnly,
        lon,
        lat,
        'indirect_fire',
        4,
        1,
        '2026-03-04',
        null,
      ]);
      assert.notEqual(lon, inKirkuk.lon);
      for (const secret of ['secret', 'isf-reporter'])
        assert.ok(!r.text.includes(secret), `nothing hidden leaks: ${secret}`);

      // The same incidents, in the same order and at the same places (to 1 m), as the list shows them.
      const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
      const list = await s.request(
        'GET',
        `/api/v1/incidents?since=${new Date(now.getTime() - 30 * 86_400_000).toISOString()}&until=${now.toISOString()}`,
        { cookie: peshmerga },
      );
      assert.deepEqual(
        list.body.items.map((i: { id: string; lon: number; lat: number }) => [i.id, r5(i.lon), r5(i.lat)]),
        r.body.rows.map((row: unknown[]) => [row[0], r5(Number(row[1])), r5(Number(row[2]))]),
      );
    },
  );

  await t.test('an organisation outside the JCC sees the coalition tearline only', async () => {
    const r = await points(other);
    assert.deepEqual(
      r.body.rows.map((row: unknown[]) => [row[0], row[5], row[7]]),
      [[ids.tearlineOnly, 1, null]],
    );
  });

  await t.test('window, type, bbox and limit', async () => {
    const all = await points(isf, '?since=2026-01-01T00:00:00Z');
    assert.equal(all.body.count, 4);
    const types = await points(isf, '?since=2026-01-01T00:00:00Z&type=sighting,ied');
    assert.deepEqual(
      types.body.rows.map((row: unknown[]) => row[0]),
      [ids.partners, ids.isfOnly, ids.old],
    );
    assert.equal((await points(isf, '?bbox=40,30,41,31')).body.count, 0);
    assert.equal((await points(isf, '?bbox=44,35,45,36')).body.count, 3);
    // A tearline matches its whole day: the 4th from noon on still shows it to Peshmerga.
    const day = await points(peshmerga, '?since=2026-03-04T22:00:00Z&until=2026-03-05T00:00:00Z');
    assert.deepEqual(
      day.body.rows.map((row: unknown[]) => row[0]),
      [ids.tearlineOnly],
    );
    const cut = await points(isf, '?limit=2');
    assert.equal(cut.body.count, 2);
    assert.equal(cut.body.truncated, true);
    const exact = await points(isf, '?limit=3');
    assert.equal(exact.body.truncated, false);
  });

  await t.test('bad queries answer 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['?since=2026-03-09T00:00:00Z&until=2026-03-01T00:00:00Z', 'since'],
      ['?since=2026-03-11T00:00:00Z', 'since'],
      ['?bbox=45,35,44,36', 'bbox'],
      ['?bbox=44,35,45', 'bbox'],
      ['?limit=200001', 'limit'],
      ['?limit=0', 'limit'],
      ['?type=nonsense', 'type.0'],
      ['?until=yesterday', 'until'],
      ['?colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const r = await points(isf, query);
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.equal(r.body.error.code, 'validation');
      assert.ok(
        r.body.error.issues.some((i: { field: string }) => i.field === field),
        `${query} names ${field}: ${r.text}`,
      );
    }
  });

  await t.test('needs a signed-in user', async () => {
    assert.equal((await s.request('GET', '/api/v1/incidents/points')).status, 401);
  });
});
