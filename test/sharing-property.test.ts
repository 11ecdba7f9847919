// Every read path (list, stats, single read, map points, export, history, stream), over real
// HTTP, against the oracle of the sharing rules in harness/sharing-oracle.ts, apart from src/access: no
// record or field reaches a user beyond what the policy allows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { noEnrichment } from '../src/domain/enrichment.ts';
import type { BBox } from '../src/domain/geojson.ts';
import type { Incident } from '../src/domain/incident.ts';
import { snapToGrid } from '../src/geo/grid.ts';
import { createApiToken } from '../src/service/auth.ts';
import { hashPassword } from '../src/service/secrets.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import { startServer } from './harness/fixture.ts';
import {
  relSpec,
  sharedRecordShape,
  sharingWorld,
  tearlineKeys,
  type UnsharedIncident,
  worldShape,
} from './harness/sharing-oracle.ts';
import { openSse } from './harness/sse.ts';
import { tempDir } from './harness/temp-dir.ts';

const numRuns = process.env.CI ? 1000 : 100;
const gridKm = 10;
// Group indexes run one past the groups a world may have: a releasability naming a group that does not exist.
const rel = relSpec(3);
const world = fc.record({
  ...worldShape,
  records: fc.array(
    fc.record({
      ...sharedRecordShape(rel),
      killed: fc.integer({ min: 0, max: 5 }),
      type: fc.constantFrom('ied' as const, 'sighting' as const),
      hour: fc.integer({ min: 0, max: 23 }),
      // References to an earlier record of the run: the suspected duplicate found at ingest, and the
      // one a verification marked it a duplicate of.
      refs: fc.option(fc.record({ to: fc.nat(), suspected: fc.boolean(), duplicate: fc.boolean() })),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  filter: fc.constantFrom('none', 'type', 'bbox'),
});

// A thousand worlds in CI, each written and read through every path over HTTP: minutes on a busy
// machine. The timeout only stops a hung run.
test('no read path lets a record or a field reach a user beyond what the sharing rules allow', {
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
      const day = new Date(Date.UTC(2020, 0, 1) + run * 86_400_000).toISOString().slice(0, 10);
      const { orgs, org, jccOf, writeShared, expect, write } = sharingWorld(run, w);

      const seqBefore = await store.changeLog.lastSeq();
      const history: Incident[] = [];
      const finals: Incident[] = [];
      const tokens = new Map<string, string>();
      await store.write(null, async (tx) => {
        await write(tx, passwordHash);
        for (const [n, r] of w.records.entries()) {
          const earlier = r.refs && n > 0 ? finals[r.refs.to % n].id : null;
          const incident: UnsharedIncident = {
            id: newId(),
            type: r.type,
            time: `${day}T${String(r.hour).padStart(2, '0')}:17:00.000Z`,
            timePrecision: 'day',
            lon: r.lon,
            lat: r.lat,
            locationPrecision: 'exact',
            place: 'secret place',
            narrative: `narrative ${run}`,
            casualties: {
              forces: [{ org: org(r.owner), killed: r.killed, wounded: 1, abducted: 0 }],
              civilians: { killed: 1, wounded: 0, abducted: 0 },
            },
            grading: { reliability: 'B', credibility: 2 },
            verification: 'reported',
            review: null,
            duplicateOf: r.refs?.duplicate ? earlier : null,
            ownerOrg: org(r.owner),
            reporterId: null,
            jcc: jccOf(r.jcc),
            enrichment: { ...noEnrichment, suspectedDuplicateOf: r.refs?.suspected ? earlier : null },
            source: 'seam',
            sourceId: null,
            exercise: false,
            createdAt: tx.at,
            updatedAt: tx.at,
          };
          const versions = await writeShared(tx, incident, r);
          history.push(...versions);
          finals.push(versions.at(-1)!);
        }
      });
      for (const code of orgs)
        tokens.set(code, (await createApiToken(store, null, `${code}-viewer`, 'read', null)).token);
      // A change everyone may see marks the end of this run on every stream.
      const marker = `r${run}-zz`;
      await store.write(
        null,
        async (tx) => await tx.organisations.insert({ id: newId(), code: marker, name: marker, createdAt: tx.at }),
      );

      const since = `${day}T00:00:00Z`;
      const until = new Date(Date.parse(since) + 86_400_000).toISOString();
      const box: BBox = [42, 31, 46, 35];
      const extra = w.filter === 'type' ? '&type=ied' : w.filter === 'bbox' ? `&bbox=${box.join(',')}` : '';
      const filterMatches = (i: Incident, seen: 'record' | 'tearline') => {
        if (w.filter === 'type') return i.type === 'ied';
        if (w.filter === 'bbox') {
          const [x, y] = seen === 'record' ? [i.lon, i.lat] : snapToGrid(i.lon, i.lat, gridKm);
          return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
        }
        return true;
      };
      // A reference to another incident is shown only where the reader may see that one too (as it is now).
      const followable = (id: string | null, viewer: string): string | null =>
        id !== null && expect(finals.find((f) => f.id === id)!, viewer) !== 'none' ? id : null;
      const checkItem = (
        item: Record<string, unknown>,
        i: Incident,
        seen: 'record' | 'tearline',
        where: string,
        viewer: string,
      ) => {
        if (seen === 'record') {
          assert.equal(item.suspected_duplicate_of, followable(i.enrichment.suspectedDuplicateOf, viewer), where);
          assert.equal(item.duplicate_of, followable(i.duplicateOf, viewer), where);
          assert.equal(item.narrative, i.narrative, where);
          assert.equal(item.lon, i.lon, where);
          assert.equal(
            item.releasability,
            i.releasability.scope === 'group' ? `group:${i.releasability.group}` : i.releasability.scope,
            where,
          );
        } else {
          assert.deepEqual(Object.keys(item).sort(), tearlineKeys, where);
          assert.deepEqual([item.lon, item.lat], snapToGrid(i.lon, i.lat, gridKm), where);
          assert.equal(item.date, day, where);
          assert.deepEqual(
            item.casualties,
            { killed: i.casualties.forces[0].killed + 1, wounded: 1, abducted: 0 },
            where,
          );
        }
      };

      // No answer names an incident its reader may not see, not even as a reference from another.
      // (A stream event may carry a version that was released then and narrowed since: it names itself.)
      const noHiddenIds = (text: string, viewer: string, where: string, own?: string) => {
        for (const i of finals)
          if (i.id !== own && expect(i, viewer) === 'none')
            assert.ok(!text.includes(i.id), `${where} names hidden ${i.id}`);
      };

      for (const viewer of orgs) {
        const bearer = tokens.get(viewer)!;
        const streamed = await openSse(`${s.url}/api/v1/stream?after=${seqBefore}`, {
          authorization: `Bearer ${bearer}`,
        });
        try {
          // List (paged) and stats.
          const listed = new Map<string, Record<string, unknown>>();
          let cursor: string | null = null;
          do {
            const r: { status: number; text: string; body: { items: Record<string, unknown>[]; next: string | null } } =
              await s.request(
                'GET',
                `/api/v1/incidents?since=${since}&until=${until}&limit=2${extra}${cursor ? `&cursor=${cursor}` : ''}`,
                { bearer },
              );
            assert.equal(r.status, 200);
            for (const item of r.body.items) listed.set(String(item.id), item);
            noHiddenIds(r.text, viewer, `list ${viewer}`);
            cursor = r.body.next;
          } while (cursor);
          const expectedListed = finals.filter((i) => {
            const v = expect(i, viewer);
            return v !== 'none' && filterMatches(i, v);
          });
          assert.deepEqual([...listed.keys()].sort(), expectedListed.map((i) => i.id).sort(), `list for ${viewer}`);
          for (const i of expectedListed)
            checkItem(listed.get(i.id)!, i, expect(i, viewer) as 'record' | 'tearline', `list ${viewer}`, viewer);

          const stats = await s.request('GET', `/api/v1/incidents/stats?since=${since}&until=${until}${extra}`, {
            bearer,
          });
          assert.equal(stats.body.incidents, expectedListed.filter((i) => expect(i, viewer) === 'record').length);
          assert.equal(stats.body.tearlines, expectedListed.filter((i) => expect(i, viewer) === 'tearline').length);

          // Get each record of the run by id.
          for (const i of finals) {
            const one = await s.request('GET', `/api/v1/incidents/${i.id}`, { bearer });
            const v = expect(i, viewer);
            assert.equal(one.status, v === 'none' ? 404 : 200, `get for ${viewer}`);
            if (v !== 'none') {
              checkItem(one.body, i, v, `get ${viewer}`, viewer);
              noHiddenIds(one.text, viewer, `get ${viewer}`);
            }
          }

          // Map points: the same incidents as the list, tearlines at their snapped location and day, no owner.
          const points = await s.request('GET', `/api/v1/incidents/points?since=${since}&until=${until}${extra}`, {
            bearer,
          });
          assert.equal(points.status, 200, points.text);
          noHiddenIds(points.text, viewer, `points ${viewer}`);
          const pointRows = new Map<string, unknown[]>(points.body.rows.map((r: unknown[]) => [String(r[0]), r]));
          assert.deepEqual([...pointRows.keys()].sort(), expectedListed.map((i) => i.id).sort(), `points ${viewer}`);
          for (const i of expectedListed) {
            const [, lon, lat, , , tearline, time, owner] = pointRows.get(i.id)!;
            if (expect(i, viewer) === 'record') {
              assert.deepEqual([tearline, time, owner], [0, i.time, i.ownerOrg], `point ${viewer}`);
              assert.ok(Math.abs(Number(lon) - i.lon) < 1e-5, `point ${viewer}`);
            } else {
              assert.deepEqual([tearline, time, owner], [1, day, null], `point ${viewer}`);
              assert.deepEqual([lon, lat], snapToGrid(i.lon, i.lat, gridKm), `point ${viewer}`);
            }
          }

          // Export: whole records only, never a tearline.
          const exported = await s.request(
            'GET',
            `/api/v1/incidents/export?format=geojson&since=${since}&until=${until}${extra}`,
            { bearer },
          );
          assert.equal(exported.status, 200, exported.text);
          const features: { id: string; properties: Record<string, unknown> }[] = JSON.parse(exported.text).features;
          assert.deepEqual(
            features.map((f) => f.id).sort(),
            expectedListed
              .filter((i) => expect(i, viewer) === 'record')
              .map((i) => i.id)
              .sort(),
            `export ${viewer}`,
          );
          noHiddenIds(exported.text, viewer, `export ${viewer}`);
          for (const f of features) {
            assert.equal(f.properties.narrative, finals.find((i) => i.id === f.id)!.narrative, `export ${viewer}`);
          }

          // History: only for a reader who may see the whole record now.
          for (const i of finals) {
            const h = await s.request('GET', `/api/v1/incidents/${i.id}/history`, { bearer });
            assert.equal(h.status, expect(i, viewer) === 'record' ? 200 : 404, `history ${viewer}`);
            if (h.status === 200) noHiddenIds(h.text, viewer, `history ${viewer}`);
          }

          // The live stream: each change as it was when committed.
          await streamed.until((ev) => ev.some((e) => e.event === 'organisation' && e.data.record.code === marker));
          const events = streamed.events.filter((e) => e.event === 'incident');
          const expectedEvents = history.filter((i) => expect(i, viewer) !== 'none');
          assert.deepEqual(
            events.map((e) => e.data.record.id),
            expectedEvents.map((i) => i.id),
            `stream for ${viewer}`,
          );
          for (const [n, i] of expectedEvents.entries()) {
            checkItem(events[n].data.record, i, expect(i, viewer) as 'record' | 'tearline', `stream ${viewer}`, viewer);
            noHiddenIds(JSON.stringify(events[n].data), viewer, `stream ${viewer}`, i.id);
          }
        } finally {
          streamed.close();
        }
      }
    }),
    { numRuns },
  );
});
