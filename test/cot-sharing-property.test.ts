// The CoT path of the sharing rules: a generated world's incidents reach TAK clients — live, as
// they are written and changed, and on connect — exactly as the oracle of harness/sharing-oracle.ts
// says, apart from src/access: the whole record, its tearline (snapped, summary only), or nothing;
// and a record narrowed away from a client is taken off it (sent stale).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CotEvent } from '../src/cot/event.ts';
import { pictureUid } from '../src/cot/picture-events.ts';
import { CotServer } from '../src/cot/server/cot-server.ts';
import { noEnrichment } from '../src/domain/enrichment.ts';
import type { Incident } from '../src/domain/incident.ts';
import { snapToGrid } from '../src/geo/grid.ts';
import { hashPassword } from '../src/service/secrets.ts';
import { newId } from '../src/store/ids.ts';
import { openStore } from '../src/store/store.ts';
import {
  relSpec,
  sharedRecordShape,
  sharingWorld,
  type UnsharedIncident,
  worldShape,
} from './harness/sharing-oracle.ts';
import { sleep, TakClient } from './harness/tak-client.ts';
import { tempDir } from './harness/temp-dir.ts';

const numRuns = process.env.CI ? 200 : 25;
const gridKm = 10;
const password = 'cot-property-password';
const rel = relSpec(3);
const world = fc.record({
  ...worldShape,
  records: fc.array(fc.record(sharedRecordShape(rel)), { minLength: 1, maxLength: 5 }),
});

type View = 'record' | 'tearline' | 'removed';

/** What a CoT event of an incident says the client was shown. */
function viewOf(e: CotEvent): View {
  if (e.stale === e.time) return 'removed';
  return (e.detail.xmlDetail ?? '').includes('tearline="true"') ? 'tearline' : 'record';
}

test('TAK clients get a generated world’s incidents exactly as the sharing rules allow, live and on connect', {
  timeout: 10 * 60_000,
}, async (t) => {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  // A window reaching back far enough that every run's day is recent.
  const cot = new CotServer({ store, bus: store.bus, options: { recentHours: 24 * 366 * 12 } });
  const { port } = await cot.listenTcp('127.0.0.1', 0);
  t.after(() => cot.close());
  const passwordHash = await hashPassword(password);
  let run = 0;

  await fc.assert(
    fc.asyncProperty(world, async (w) => {
      run++;
      const day = new Date(Date.UTC(2020, 0, 1) + run * 86_400_000).toISOString().slice(0, 10);
      const { orgs, org, jccOf, writeShared, expect, write } = sharingWorld(run, w);
      await store.write(null, (tx) => write(tx, passwordHash));
      const connect = async (code: string) => {
        const c = await TakClient.connect(port, { username: `${code}-viewer`, password, uid: `${code}-device` });
        await c.waitFor((e) => e.type === 't-x-takp-v', 10_000, `${code}'s offer`);
        return c;
      };
      const live = new Map<string, TakClient>();
      for (const code of orgs) live.set(code, await connect(code));
      try {
        const history: Incident[] = [];
        const finals: Incident[] = [];
        for (const r of w.records) {
          await store.write(null, async (tx) => {
            const incident: UnsharedIncident = {
              id: newId(),
              type: 'ied',
              time: `${day}T06:00:00.000Z`,
              timePrecision: 'day',
              lon: r.lon,
              lat: r.lat,
              locationPrecision: 'exact',
              place: 'secret place',
              narrative: `narrative ${run}`,
              casualties: { forces: [], civilians: { killed: 1, wounded: 0, abducted: 0 } },
              grading: null,
              verification: 'reported',
              review: null,
              duplicateOf: null,
              ownerOrg: org(r.owner),
              reporterId: null,
              jcc: jccOf(r.jcc),
              enrichment: noEnrichment,
              source: 'seam',
              sourceId: null,
              exercise: false,
              createdAt: tx.at,
              updatedAt: tx.at,
            };
            const versions = await writeShared(tx, incident, r);
            history.push(...versions);
            finals.push(versions.at(-1)!);
          });
        }
        // An incident every organisation may see marks the end of the run on every client.
        const marker: Incident = { ...finals[0], id: newId(), releasability: { scope: 'coalition' }, tearline: null };
        await store.write(null, (tx) => tx.incidents.insert(marker));
        const markerUid = pictureUid('incident', marker.id);

        const check = (client: TakClient, viewer: string, how: 'live' | 'on connect') => {
          for (const f of finals) {
            const uid = pictureUid('incident', f.id);
            const events = client.events.filter((e) => e.uid === uid);
            const where = `${how}, ${viewer}, ${f.id}`;
            const versions = history.filter((h) => h.id === f.id);
            for (const e of events) {
              const v = viewOf(e);
              // Every view the client was given was allowed by some version of the record.
              if (v === 'record') {
                assert.ok(
                  versions.some((h) => expect(h, viewer) === 'record'),
                  `${where}: shown whole`,
                );
                assert.equal(e.point.lon, f.lon, where);
                assert.ok(e.releaseableTo?.split(',').includes(viewer), `${where}: released to its reader`);
              }
              if (v === 'tearline') {
                assert.ok(
                  versions.some((h) => expect(h, viewer) === 'tearline'),
                  `${where}: shown a tearline`,
                );
                assert.deepEqual([e.point.lon, e.point.lat], snapToGrid(f.lon, f.lat, gridKm), where);
                assert.doesNotMatch(e.detail.xmlDetail ?? '', /narrative/, where);
                assert.equal(e.releaseableTo, undefined, `${where}: a tearline names no organisations`);
              }
            }
            // What the client holds in the end is what the rules allow now.
            const last = events.at(-1);
            const now = expect(f, viewer);
            if (now === 'none') assert.ok(!last || viewOf(last) === 'removed', `${where}: should hold nothing`);
            else assert.equal(last && viewOf(last), now, `${where}: should hold the ${now}`);
            if (how === 'on connect' && now === 'none') assert.equal(events.length, 0, `${where}: never sent`);
          }
        };
        for (const [viewer, client] of live) {
          await client.waitFor((e) => e.uid === markerUid, 10_000, `the end of run ${run} (live)`);
          check(client, viewer, 'live');
        }
        for (const viewer of orgs) {
          const fresh = await connect(viewer);
          try {
            // On connect the window is sent newest first, with no end of its own: wait for what may be
            // seen, then a moment for anything that should not be.
            for (const f of [marker, ...finals.filter((f) => expect(f, viewer) !== 'none')]) {
              const uid = pictureUid('incident', f.id);
              await fresh.waitFor((e) => e.uid === uid, 10_000, `${uid} on connect (run ${run})`);
            }
            await sleep(50);
            check(fresh, viewer, 'on connect');
          } finally {
            fresh.close();
          }
        }
      } finally {
        for (const c of live.values()) c.close();
      }
    }),
    { numRuns },
  );
});
