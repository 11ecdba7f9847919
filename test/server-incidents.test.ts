import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFixture, startServer } from './harness/fixture.ts';

const inKirkuk = { lon: 44.39, lat: 35.47 };
const outsideEveryAor = { lon: 42.0, lat: 33.0 };

test('incidents: report, read back, page, filter and share by releasability', async (t) => {
  const { store } = await createFixture(t, { roles: ['reporter', 'viewer'] });
  const s = await startServer(t, store);
  const isf = await s.signIn('isf-reporter');
  const peshmerga = await s.signIn('peshmerga-viewer');
  const coalition = await s.signIn('coalition-viewer');
  const other = await s.signIn('other-viewer');

  const post = async (body: Record<string, unknown>) => {
    const r = await s.request('POST', '/api/v1/incidents', { cookie: isf, json: body });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };

  await t.test('a report comes back with its JCC, defaults and grading', async () => {
    const created = await post({
      type: 'indirect_fire',
      time: '2026-03-01T08:30:00+03:00',
      ...inKirkuk,
      narrative: 'Two rounds near the checkpoint',
      grading: 'B2',
      casualties: { forces: [{ org: 'isf', wounded: 2 }], civilians: { killed: 1 } },
    });
    assert.equal(created.jcc, 'k1');
    assert.equal(created.time, '2026-03-01T05:30:00.000Z', 'stored in UTC');
    assert.equal(created.releasability, 'partners', 'default releasability');
    assert.equal(created.verification, 'reported');
    assert.equal(created.owner_org, 'isf');
    assert.equal(created.acled_event_type, 'Explosions/Remote violence');
    assert.deepEqual(created.casualties.forces, [{ org: 'isf', killed: 0, wounded: 2, abducted: 0 }]);
    const read = await s.request('GET', `/api/v1/incidents/${created.id}`, { cookie: isf });
    assert.deepEqual(read.body, created);
  });

  await t.test('each releasability reaches exactly its audience', async () => {
    const ids = {
      org: (await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...inKirkuk, releasability: 'org' })).id,
      partners: (await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...inKirkuk, releasability: 'partners' }))
        .id,
      outside: (
        await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...outsideEveryAor, releasability: 'partners' })
      ).id,
      coalition: (
        await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...inKirkuk, releasability: 'coalition' })
      ).id,
      group: (await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...inKirkuk, releasability: 'group:intel' }))
        .id,
      noGroup: (
        await post({ type: 'sighting', time: '2026-03-02T00:00:00Z', ...inKirkuk, releasability: 'group:ghost' })
      ).id,
    };
    const expected: Record<string, Array<keyof typeof ids>> = {
      isf: ['org', 'partners', 'outside', 'coalition', 'group', 'noGroup'],
      peshmerga: ['partners', 'outside', 'coalition', 'group'],
      coalition: ['coalition', 'group'],
      other: ['coalition'],
    };
    const cookies: Record<string, string> = { isf, peshmerga, coalition, other };
    for (const [org, visible] of Object.entries(expected)) {
      const list = await s.request('GET', '/api/v1/incidents?type=sighting&limit=1000', { cookie: cookies[org] });
      const seen = new Set(list.body.items.map((i: { id: string }) => i.id));
      for (const [name, id] of Object.entries(ids)) {
        const should = visible.includes(name as keyof typeof ids);
        assert.equal(
          seen.has(id),
          should,
          `${org} ${should ? 'sees' : 'does not see'} the ${name} incident in the list`,
        );
        const one = await s.request('GET', `/api/v1/incidents/${id}`, { cookie: cookies[org] });
        assert.equal(one.status, should ? 200 : 404, `${org} GET ${name}`);
      }
    }
  });

  await t.test('paging with the cursor walks every visible incident once, newest first', async () => {
    for (let n = 0; n < 25; n++) {
      await post({
        type: 'ied',
        time: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
        ...inKirkuk,
        releasability: n % 3 === 0 ? 'org' : 'partners',
      });
    }
    const walk = async (cookie: string) => {
      const seen: Array<{ id: string; time: string }> = [];
      let cursor: string | null = null;
      do {
        const r: { body: { items: Array<{ id: string; time: string }>; next: string | null } } = await s.request(
          'GET',
          `/api/v1/incidents?type=ied&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
          { cookie },
        );
        assert.ok(r.body.items.length <= 4);
        seen.push(...r.body.items);
        cursor = r.body.next;
      } while (cursor);
      return seen;
    };
    const all = await walk(isf);
    assert.equal(all.length, 25);
    assert.equal(new Set(all.map((i) => i.id)).size, 25);
    const times = all.map((i) => i.time);
    assert.deepEqual(times, [...times].sort().reverse());
    const partnersOnly = await walk(peshmerga);
    assert.equal(partnersOnly.length, 16, 'the 9 org-only incidents are skipped without shortening pages');
  });

  await t.test('filters: time window, type, jcc, bbox', async () => {
    const q = async (query: string) =>
      (await s.request('GET', `/api/v1/incidents?limit=1000&${query}`, { cookie: isf })).body.items as Array<{
        type: string;
        time: string;
        jcc: string | null;
        lon: number;
      }>;
    const jan = await q('type=ied&since=2026-01-10T00:00:00Z&until=2026-01-20T00:00:00Z');
    assert.equal(jan.length, 10);
    assert.ok(jan.every((i) => i.time >= '2026-01-10' && i.time < '2026-01-20'));
    assert.ok((await q('jcc=k1')).every((i) => i.jcc === 'k1'));
    const west = await q('bbox=41,32,43,34');
    assert.ok(west.length >= 1 && west.every((i) => i.lon >= 41 && i.lon <= 43));
    assert.equal((await q('type=ied,indirect_fire')).length, 26);
  });

  await t.test('the bus announces each new incident after commit', async () => {
    const heard: string[] = [];
    const off = store.bus.subscribe((e) => heard.push(`${e.recordType}:${e.op}`));
    await post({ type: 'arrest', time: '2026-03-03T00:00:00Z', ...inKirkuk });
    off();
    assert.deepEqual(heard, ['incident:create']);
  });
});
