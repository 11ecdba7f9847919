import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readCsv } from '../src/io/csv.ts';
import { requestBody } from './factories/support-request.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse, type SseClient } from './harness/sse.ts';

// The site of the fixture, written out for the oracle: JCC k1 has isf and peshmerga; sharing group
// intel has peshmerga and coalition; the coalition is every organisation of the site.
const orgs = ['isf', 'peshmerga', 'coalition', 'other'] as const;
type Org = (typeof orgs)[number];
const k1 = ['isf', 'peshmerga'];
const intel = ['peshmerga', 'coalition'];
const releasabilities = ['org', 'partners', 'coalition', 'group:intel'] as const;
type Rel = (typeof releasabilities)[number];

/** Who besides the owner is in the audience of a releasability, for a record of `owner` in JCC `jcc`. */
function audience(rel: Rel, owner: string, jcc: string | null): string[] {
  if (rel === 'org') return [];
  if (rel === 'coalition') return [...orgs];
  if (rel === 'group:intel') return intel;
  if (jcc === 'k1') return k1;
  return k1.includes(owner) ? k1 : [];
}

interface Planned {
  requester: Org;
  to: { org: Org } | { jcc: 'k1' };
  rel: Rel;
  incident: number | null;
  accept: boolean;
}

interface Made {
  id: string;
  readers: Set<string>;
  /** The linked incident, and who may see it (so its id). */
  linked: { id: string; readers: Set<string> } | null;
  accepted: boolean;
}

/** The incidents requests link to: one per owner and releasability, all inside k1's AOR. */
const incidentPlan = orgs.flatMap((owner) =>
  (['org', 'partners', 'coalition'] as const).map((rel) => ({ owner, rel })),
);

const plan: fc.Arbitrary<Planned> = fc
  .record({
    requester: fc.constantFrom(...orgs),
    toJcc: fc.boolean(),
    toOrg: fc.constantFrom(...orgs),
    rel: fc.constantFrom(...releasabilities),
    incident: fc.option(fc.nat(incidentPlan.length - 1), { nil: null }),
    accept: fc.boolean(),
  })
  .filter((p) => p.toJcc || p.toOrg !== p.requester)
  .map((p) => ({
    requester: p.requester,
    to: p.toJcc ? { jcc: 'k1' as const } : { org: p.toOrg },
    rel: p.rel,
    incident: p.incident,
    accept: p.accept,
  }));

test('no support request, nor its linked incident, reaches a reader outside its audience on any read path', async (t) => {
  const { store } = await createFixture(t, { roles: ['viewer', 'reporter', 'liaison'] });
  const s = await startServer(t, store);
  const liaison: Record<string, string> = {};
  const viewer: Record<string, string> = {};
  for (const org of orgs) {
    liaison[org] = await s.signIn(`${org}-liaison`);
    viewer[org] = await s.signIn(`${org}-viewer`);
  }
  const streams: Record<string, SseClient> = {};
  for (const org of orgs) streams[org] = await openSse(`${s.url}/api/v1/stream`, { cookie: viewer[org] });
  t.after(() => {
    for (const c of Object.values(streams)) c.close();
  });

  const incidents: Array<{ id: string; readers: Set<string> }> = [];
  for (const { owner, rel } of incidentPlan) {
    const r = await s.request('POST', '/api/v1/incidents', {
      cookie: await s.signIn(`${owner}-reporter`),
      json: { type: 'ied', time: '2026-01-01T06:00:00Z', lon: 44.39, lat: 35.47, releasability: rel },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.jcc, 'k1');
    incidents.push({ id: r.body.id, readers: new Set([owner, ...audience(rel, owner, 'k1')]) });
  }

  const made: Made[] = [];
  const make = async (p: Planned): Promise<void> => {
    const linked = p.incident === null ? null : incidents[p.incident];
    const to = 'org' in p.to ? { addressed_org: p.to.org } : { addressed_jcc: p.to.jcc };
    const res = await s.request('POST', '/api/v1/requests', {
      cookie: liaison[p.requester],
      json: requestBody(new Date(), to, { releasability: p.rel, linked_incident: linked?.id ?? null }),
    });
    if (linked && !linked.readers.has(p.requester)) {
      assert.equal(res.status, 400, 'an incident the requester may not see cannot be linked');
      assert.equal(res.body.error.issues[0].field, 'linked_incident');
      return;
    }
    assert.equal(res.status, 201, res.text);
    const parties = 'org' in p.to ? [p.to.org] : k1;
    const jcc = 'org' in p.to ? null : 'k1';
    const m: Made = {
      id: res.body.id,
      readers: new Set([p.requester, ...parties, ...audience(p.rel, p.requester, jcc)]),
      linked,
      accepted: false,
    };
    made.push(m);
    if (p.accept) {
      const by = 'org' in p.to ? p.to.org : k1.find((o) => o !== p.requester);
      const a = await s.request('POST', `/api/v1/requests/${m.id}/accept`, { cookie: liaison[by as string], json: {} });
      assert.equal(a.status, 200, a.text);
      m.accepted = true;
    }
  };
  const linkFor = (m: Made, org: string) => (m.linked?.readers.has(org) ? m.linked.id : null);
  const hiddenIncidentIds = (org: string) => incidents.filter((i) => !i.readers.has(org)).map((i) => i.id);

  const check = async () => {
    // A marker everyone may read, so each stream is known to have caught up.
    await make({ requester: 'isf', to: { org: 'peshmerga' }, rel: 'coalition', incident: null, accept: false });
    const marker = made[made.length - 1].id;
    for (const org of orgs) {
      const cookie = viewer[org];
      const visible = made.filter((m) => m.readers.has(org));
      const expectedIds = visible.map((m) => m.id).sort();
      const hidden = hiddenIncidentIds(org);
      const leaks = (text: string, where: string) => {
        for (const id of hidden) assert.ok(!text.includes(id), `${where} for ${org} names an incident it may not see`);
        for (const m of made)
          if (!m.readers.has(org))
            assert.ok(!text.includes(m.id), `${where} for ${org} names a request it may not see`);
      };

      for (const m of made) {
        const got = await s.request('GET', `/api/v1/requests/${m.id}`, { cookie });
        assert.equal(got.status, m.readers.has(org) ? 200 : 404, `get ${m.id} as ${org}`);
        if (got.status === 200) assert.equal(got.body.linked_incident, linkFor(m, org), `get: link as ${org}`);
        const history = await s.request('GET', `/api/v1/requests/${m.id}/history`, { cookie });
        assert.equal(history.status, m.readers.has(org) ? 200 : 404, `history ${m.id} as ${org}`);
        // A 404 names the id the reader asked for, and nothing else.
        if (history.status === 200) leaks(history.text, 'history');
        if (!m.readers.has(org)) {
          const step = await s.request('POST', `/api/v1/requests/${m.id}/cancel`, { cookie: liaison[org], json: {} });
          assert.equal(step.status, 404, `a step on a request ${org} may not see is 404`);
        }
      }

      const list = await s.request('GET', '/api/v1/requests?limit=1000', { cookie });
      assert.deepEqual(list.body.items.map((r: { id: string }) => r.id).sort(), expectedIds, `list as ${org}`);
      for (const r of list.body.items)
        assert.equal(r.linked_incident, linkFor(made.find((m) => m.id === r.id) as Made, org), `list: link as ${org}`);
      leaks(list.text, 'list');

      const geojson = await s.request('GET', '/api/v1/requests/export?format=geojson', { cookie });
      const features = JSON.parse(geojson.text).features;
      assert.deepEqual(features.map((f: { id: string }) => f.id).sort(), expectedIds, `GeoJSON export as ${org}`);
      leaks(geojson.text, 'GeoJSON export');
      const csv = await s.request('GET', '/api/v1/requests/export?format=csv', { cookie });
      const rows = [...readCsv(csv.text.replace(/^\uFEFF/, ''))].map((r) => r.fields);
      const col = rows[0].indexOf('id');
      assert.deepEqual(
        rows
          .slice(1)
          .map((r) => r[col])
          .sort(),
        expectedIds,
        `CSV export as ${org}`,
      );
      leaks(csv.text, 'CSV export');

      const stats = await s.request('GET', '/api/v1/requests/stats', { cookie });
      const counted = stats.body.by_org.reduce((n: number, g: { requests: number }) => n + g.requests, 0);
      assert.equal(counted, visible.filter((m) => m.accepted).length, `stats as ${org}`);
      leaks(stats.text, 'stats');

      const events = (await streams[org].until((ev) => ev.some((e) => e.data.record.id === marker))).filter(
        (e) => e.event === 'support_request',
      );
      assert.deepEqual([...new Set(events.map((e) => e.data.record.id))].sort(), expectedIds, `live stream as ${org}`);
      for (const e of events)
        assert.equal(
          e.data.record.linked_incident,
          linkFor(made.find((m) => m.id === e.data.record.id) as Made, org),
          `stream: link as ${org}`,
        );
      leaks(JSON.stringify(events), 'live stream');
    }
  };

  await fc.assert(
    fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 6 }), async (plans) => {
      for (const p of plans) await make(p);
      await check();
    }),
    { numRuns: process.env.CI ? 12 : 5 },
  );
});
