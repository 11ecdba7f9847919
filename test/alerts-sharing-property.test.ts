// Alerts on every read path (list, single read, read mark, unread count, live stream), over real
// HTTP, against the oracle of the sharing rules in harness/sharing-oracle.ts, apart from src/access: an
// alert shows its reader the record it is about whole, its tearline only, or not at all, as the
// record's releasability allows now; never a field beyond that.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { noEnrichment } from '../src/domain/enrichment.ts';
import type { Incident } from '../src/domain/incident.ts';
import { snapToGrid } from '../src/geo/grid.ts';
import { createApiToken } from '../src/service/auth.ts';
import { hashPassword } from '../src/service/secrets.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { checkpoint, eventually, nearRule } from './harness/alerts.ts';
import { startServer } from './harness/fixture.ts';
import { orgIndex, relSpec, sharingWorld, tearlineKeys, worldShape } from './harness/sharing-oracle.ts';
import { openSse } from './harness/sse.ts';
import { tempDir } from './harness/temp-dir.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read replies as untyped JSON and assert on their shape
type Json = Record<string, any>;

const numRuns = process.env.CI ? 200 : 25;
const centre: [number, number] = [44.4, 35.5];

const rel = relSpec(2);
const sharing = fc.record({ releasability: rel, tearline: fc.option(rel) });
const world = fc.record({
  ...worldShape,
  records: fc.array(
    fc.record({
      owner: orgIndex,
      jcc: fc.option(fc.integer({ min: 0, max: 1 })),
      sharing,
      // A change of who may see it after its alerts were raised.
      later: fc.option(sharing),
      dx: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
      dy: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

test('no alert shows a reader anything of a record beyond what its releasability allows, on any read path', {
  timeout: 10 * 60_000,
}, async (t) => {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  const s = await startServer(t, store);
  const passwordHash = await hashPassword('unused-in-this-test');
  let run = 0;

  await fc.assert(
    fc.asyncProperty(world, async (w) => {
      run++;
      const { orgs, org, jccOf, shared, expect, write } = sharingWorld(run, w);

      const seqBefore = await store.changeLog.lastSeq();
      const tokens = new Map<string, string>();
      let current: Incident[] = [];
      await store.write(null, async (tx) => {
        await write(tx, passwordHash);
        for (const code of orgs) {
          await tx.presence.insert(checkpoint(`${code}-cp`, code, centre, 1));
          await tx.alertRules.insert(nearRule(code, `near ${code}`, 50, tx.at));
        }
      });
      for (const code of orgs)
        tokens.set(code, (await createApiToken(store, null, `${code}-viewer`, 'write', null)).token);

      const sentinel = async () => {
        const id = newId();
        await store.write(null, (tx) =>
          tx.incidents.insert({
            ...incidentAt(id, orgs[0], null, centre, tx.at),
            releasability: { scope: 'coalition' },
          }),
        );
        for (const code of orgs)
          await eventually(async () => {
            const r = await s.request('GET', '/api/v1/alerts?limit=200', { bearer: tokens.get(code)! });
            return r.body.items.some((a: { subject: { id: string } }) => a.subject.id === id) || undefined;
          }, `the sentinel alert reaches ${code}`);
        return id;
      };

      await store.write(null, async (tx) => {
        for (const r of w.records) {
          const base = incidentAt(newId(), org(r.owner), jccOf(r.jcc), [centre[0] + r.dx, centre[1] + r.dy], tx.at);
          const incident = shared(base, r.sharing, 1);
          await tx.incidents.insert(incident);
          current.push(incident);
        }
      });
      const sentinels = [await sentinel()];
      // Who may see the records changes after their alerts were raised: every read follows the record as it is now.
      const changed: Incident[] = [];
      await store.write(null, async (tx) => {
        for (const [n, r] of w.records.entries()) {
          const i = r.later ? shared(current[n], r.later, 2) : current[n];
          if (r.later) await tx.incidents.update(i, { action: 'incident.releasability' });
          changed.push(i);
        }
      });
      current = changed;
      sentinels.push(await sentinel());
      const marker = `r${run}-zz`;
      await store.write(null, (tx) =>
        tx.organisations.insert({ id: newId(), code: marker, name: marker, createdAt: tx.at }),
      );

      const check = (a: Json, viewer: string, where: string) => {
        const i = current.find((c) => c.id === a.subject.id)!;
        const view = expect(i, viewer);
        assert.notEqual(view, 'none', `${where}: an alert about ${i.id}, which ${viewer} may not see`);
        assert.equal(a.subject.view, view, where);
        assert.equal(a.recipient_org, viewer, where);
        const text = JSON.stringify(a);
        if (view === 'tearline') {
          for (const k of Object.keys(a.subject.record)) assert.ok(tearlineKeys.includes(k), `${where}: tearline ${k}`);
          assert.equal(a.match, null, `${where}: no match details with a tearline`);
          for (const secret of ['narrative', 'secret place', `${viewer}-cp`, 'distance'])
            assert.ok(!text.includes(secret), `${where}: ${secret} leaks`);
          const [lon, lat] = snapToGrid(i.lon, i.lat, 10);
          assert.deepEqual(
            [a.subject.record.lon, a.subject.record.lat],
            [lon, lat],
            `${where}: the location is coarse`,
          );
        } else {
          assert.equal(a.subject.record.narrative, i.narrative, where);
          assert.equal(a.match.presence_id, `${viewer}-cp`, where);
        }
      };

      for (const viewer of orgs) {
        const bearer = tokens.get(viewer)!;
        const expected = current.filter((i) => expect(i, viewer) !== 'none').map((i) => i.id);
        const streamed = await openSse(`${s.url}/api/v1/stream?after=${seqBefore}`, {
          authorization: `Bearer ${bearer}`,
        });
        try {
          const listed = new Map<string, Json>();
          let cursor: string | null = null;
          do {
            const r: { status: number; body: { items: Json[]; next: string | null } } = await s.request(
              'GET',
              `/api/v1/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
              { bearer },
            );
            assert.equal(r.status, 200);
            for (const a of r.body.items) if (!sentinels.includes(a.subject.id)) listed.set(a.subject.id, a);
            cursor = r.body.next;
          } while (cursor);
          assert.deepEqual([...listed.keys()].sort(), [...expected].sort(), `the alerts listed for ${viewer}`);
          for (const a of listed.values()) {
            check(a, viewer, `list ${viewer}`);
            const one = await s.request('GET', `/api/v1/alerts/${a.id}`, { bearer });
            assert.deepEqual(one.body, a, `get ${viewer}`);
          }
          const count = await s.request('GET', '/api/v1/alerts/unread-count', { bearer });
          assert.equal(count.body.unread, expected.length + sentinels.length, `unread count ${viewer}`);

          // Every alert of the run, as every other organisation's reader would ask for it.
          const all = new Set<string>();
          for (const other of orgs) {
            let c: string | null = null;
            do {
              const r: { body: { items: Array<{ id: string }>; next: string | null } } = await s.request(
                'GET',
                `/api/v1/alerts?limit=200${c ? `&cursor=${c}` : ''}`,
                { bearer: tokens.get(other)! },
              );
              for (const a of r.body.items) all.add(a.id);
              c = r.body.next;
            } while (c);
          }
          for (const id of all) {
            const mine = [...listed.values()].some((a) => a.id === id);
            const one = await s.request('GET', `/api/v1/alerts/${id}`, { bearer });
            const mark = await s.request('POST', `/api/v1/alerts/${id}/read`, { bearer, json: {} });
            if (mine) {
              assert.equal(one.status, 200);
              assert.equal(mark.status, 200);
              check(mark.body, viewer, `mark ${viewer}`);
            } else if (!sentinels.some((x) => one.text.includes(x))) {
              assert.equal(one.status, 404, `get of another's alert by ${viewer}`);
              assert.equal(mark.status, 404, `mark of another's alert by ${viewer}`);
            }
          }

          const events = await streamed.until((ev) =>
            ev.some((e) => e.event === 'organisation' && e.data.record.code === marker),
          );
          const alerts = events
            .filter((e) => e.event === 'alert' && !sentinels.includes(e.data.record.subject.id))
            .map((e) => e.data.record);
          assert.deepEqual(
            [...new Set(alerts.map((a) => a.subject.id))].sort(),
            [...expected].sort(),
            `the alerts streamed to ${viewer}`,
          );
          for (const a of alerts) check(a, viewer, `stream ${viewer}`);
        } finally {
          streamed.close();
        }
      }
    }),
    { numRuns },
  );
});

function incidentAt(id: string, owner: string, jcc: string | null, at: [number, number], now: string): Incident {
  return {
    id,
    type: 'ied',
    time: '2026-03-01T06:00:00.000Z',
    timePrecision: 'day',
    lon: at[0],
    lat: at[1],
    locationPrecision: 'exact',
    place: 'secret place',
    narrative: `narrative of ${id}`,
    casualties: { forces: [], civilians: { killed: 1, wounded: 0, abducted: 0 } },
    grading: { reliability: 'B', credibility: 2 },
    releasability: { scope: 'org' },
    tearline: null,
    verification: 'reported',
    review: null,
    duplicateOf: null,
    ownerOrg: owner,
    reporterId: null,
    jcc,
    enrichment: noEnrichment,
    source: 'seam',
    sourceId: null,
    exercise: false,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
