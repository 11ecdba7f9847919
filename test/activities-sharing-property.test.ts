// Every read path of planned activities (list, single read, GeoJSON and CSV export, live stream),
// over real HTTP, against an oracle of the sharing rules written out here, independently of
// src/access: no activity or field reaches a reader beyond what releasability allows, and a
// conflict never gives away a record the reader may not see.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Releasability } from '../src/domain/releasability.ts';
import { newId } from '../src/store/ids.ts';
import { activityNow, addCheckpoint } from './factories/activity.ts';
import { makeIncident } from './factories/incident.ts';
import { createFixture, startServer } from './harness/fixture.ts';
import { openSse, type SseClient } from './harness/sse.ts';

const numRuns = process.env.CI ? 200 : 25;
const orgs = ['isf', 'peshmerga', 'coalition', 'other'] as const;
type Org = (typeof orgs)[number];
const relText = ['org', 'partners', 'coalition', 'group:intel'] as const;

// The fixture's sharing world, spelled out: JCC k1 (isf, peshmerga) holds every record here; group intel (peshmerga, coalition).
const k1 = new Set<Org>(['isf', 'peshmerga']);
const intel = new Set<Org>(['peshmerga', 'coalition']);
function inAudience(reader: Org, rel: string, owner: string, jcc: string | null): boolean {
  if (reader === owner) return true;
  if (rel === 'coalition') return true;
  if (rel === 'group:intel') return intel.has(reader);
  if (rel === 'partners') return jcc === 'k1' ? k1.has(reader) : k1.has(reader) && k1.has(owner as Org);
  return false;
}

interface Truth {
  kind: 'activity' | 'presence' | 'incident';
  id: string;
  owners: string[];
  rel: string;
  jcc: string | null;
  tearline: string | null;
  secret: string;
}
const noticeKeys = [
  'concerns',
  'contact',
  'end',
  'exercise',
  'id',
  'jcc',
  'kind',
  'lat',
  'lon',
  'notice',
  'notification',
  'recurrence',
  'releasability',
  'start',
  'state',
  'summary',
  'version',
];

const spec = fc.record({
  activities: fc.array(
    fc.record({
      owner: fc.constantFrom(...orgs),
      partner: fc.option(fc.constantFrom(...orgs)),
      rel: fc.constantFrom(...relText),
      tearline: fc.boolean(),
      dx: fc.integer({ min: -10, max: 10 }),
      dy: fc.integer({ min: -10, max: 10 }),
      hour: fc.integer({ min: 0, max: 6 }),
      hours: fc.integer({ min: 1, max: 4 }),
      notify: fc.boolean(),
      // Narrowed to its owners after every plan of the run is sent: conflicts found before must hide it at once.
      narrowLater: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  presence: fc.array(
    fc.record({
      owner: fc.constantFrom(...orgs),
      rel: fc.constantFrom('org', 'partners', 'coalition', 'group:intel'),
      dx: fc.integer({ min: -10, max: 10 }),
      dy: fc.integer({ min: -10, max: 10 }),
    }),
    { maxLength: 3 },
  ),
  incidents: fc.array(
    fc.record({
      owner: fc.constantFrom(...orgs),
      rel: fc.constantFrom('org', 'partners', 'coalition'),
      tearline: fc.boolean(),
      dx: fc.integer({ min: -10, max: 10 }),
      dy: fc.integer({ min: -10, max: 10 }),
    }),
    { maxLength: 2 },
  ),
});

const parseRel = (r: string): Releasability =>
  r.startsWith('group:') ? { scope: 'group', group: r.slice(6) } : ({ scope: r } as Releasability);

test('no read path lets an activity, a field of one or a conflict’s hidden record reach a reader beyond what releasability allows', {
  timeout: 10 * 60_000,
}, async (t) => {
  const { store } = await createFixture(t, { roles: ['liaison'], now: () => activityNow });
  const server = await startServer(t, store);
  const cookies = Object.fromEntries(
    await Promise.all(orgs.map(async (o) => [o, await server.signIn(`${o}-liaison`)])),
  );
  const streams: Record<string, SseClient> = {};
  for (const o of orgs) streams[o] = await openSse(`${server.url}/api/v1/stream`, { cookie: cookies[o] });
  t.after(() => {
    for (const s of Object.values(streams)) s.close();
  });
  const truth = new Map<string, Truth>();
  const whole = (reader: Org, x: Truth) => x.owners.includes(reader) || inAudience(reader, x.rel, x.owners[0], x.jcc);
  const notified = new Map<string, Set<string>>();
  const noticeVisible = (reader: Org, x: Truth) =>
    (x.tearline !== null && inAudience(reader, x.tearline, x.owners[0], x.jcc)) ||
    (notified.get(x.id)?.has(reader) ?? false);
  /** Every id and secret text the reader may not see in an activity answer. */
  const forbidden = (reader: Org) =>
    [...truth.values()].flatMap((x) => {
      if (whole(reader, x)) return [];
      if (x.kind === 'activity' && noticeVisible(reader, x)) return [x.secret];
      return [x.id, x.secret];
    });
  const checkText = (reader: Org, text: string, where: string) => {
    for (const f of forbidden(reader)) assert.ok(!text.includes(f), `${where}: ${reader} got "${f}"`);
  };
  const checkSeen = (reader: Org, item: Record<string, unknown>, where: string) => {
    const x = truth.get(String(item.id));
    assert.ok(x, `${where}: unknown activity ${item.id}`);
    if (item.notice === false) {
      assert.ok(whole(reader, x), `${where}: ${reader} sees ${x.id} whole`);
      for (const c of item.conflicts as Array<Record<string, unknown>>) {
        seenConflicts[c.hidden ? 'hidden' : 'shown']++;
        if (c.hidden) assert.deepEqual(Object.keys(c).sort(), ['hidden', 'jcc', 'overlap'], where);
        else {
          const target = truth.get(String(c.record_id));
          assert.ok(target && whole(reader, target), `${where}: ${reader} sees a conflict with ${c.record_id}`);
        }
      }
    } else {
      assert.ok(!whole(reader, x) && noticeVisible(reader, x), `${where}: ${reader} gets a notice of ${x.id}`);
      assert.deepEqual(Object.keys(item).sort(), noticeKeys, where);
      const byTearline = x.tearline !== null && inAudience(reader, x.tearline, x.owners[0], x.jcc);
      if (!byTearline) assert.deepEqual([item.kind, item.lon, item.lat, item.summary], [null, null, null, null], where);
    }
  };

  const seenConflicts = { hidden: 0, shown: 0 };
  const narrowed = new Map<string, { seq: number; truth: Truth; notified: Set<string> | undefined }>();
  let run = 0;
  await fc.assert(
    fc.asyncProperty(spec, async (w) => {
      run++;
      // Each run in its own cell of JCC k1, 9 km from the next, so runs do not conflict with each other.
      const cx = 44.05 + (run % 7) * 0.1;
      const cy = 35.25 + (Math.floor(run / 7) % 5) * 0.1;
      const at = (dx: number, dy: number): [number, number] => [cx + dx * 0.001, cy + dy * 0.001];
      for (const p of w.presence) {
        const secret = `presence-${newId()}`;
        const id = await addCheckpoint(store, p.owner, secret, at(p.dx, p.dy), 0.5, parseRel(p.rel));
        truth.set(id, { kind: 'presence', id, owners: [p.owner], rel: p.rel, jcc: null, tearline: null, secret });
      }
      for (const i of w.incidents) {
        const [lon, lat] = at(i.dx, i.dy);
        const incident = makeIncident({
          ownerOrg: i.owner,
          lon,
          lat,
          jcc: 'k1',
          time: '2026-12-06T00:00:00.000Z',
          releasability: parseRel(i.rel),
          tearline:
            i.tearline && i.rel !== 'coalition' ? { releasability: { scope: 'coalition' }, summary: null } : null,
          narrative: `incident-${newId()}`,
        });
        await store.write(null, (tx) => tx.incidents.insert(incident));
        truth.set(incident.id, {
          kind: 'incident',
          id: incident.id,
          owners: [i.owner],
          rel: i.rel,
          jcc: 'k1',
          tearline: incident.tearline ? 'coalition' : null,
          secret: incident.narrative,
        });
      }
      const mine: string[] = [];
      for (const a of w.activities) {
        const owners = a.partner && a.partner !== a.owner ? [a.owner, a.partner] : [a.owner];
        const tearline = a.tearline && a.rel !== 'coalition' ? 'coalition' : null;
        const unit = `unit-${newId()}`;
        const start = new Date(Date.parse('2026-12-10T00:00:00Z') + a.hour * 3_600_000);
        const r = await server.request('POST', '/api/v1/activities', {
          cookie: cookies[a.owner],
          json: {
            kind: 'patrol',
            owner_orgs: owners,
            unit,
            area: { shape: 'point', at: at(a.dx, a.dy), radius_km: 0.5 },
            start: start.toISOString(),
            end: new Date(start.getTime() + a.hours * 3_600_000).toISOString(),
            releasability: a.rel,
            ...(tearline ? { tearline: { releasability: tearline, summary: 'a patrol' } } : {}),
          },
        });
        assert.equal(r.status, 201, r.text);
        truth.set(r.body.id, {
          kind: 'activity',
          id: r.body.id,
          owners,
          rel: a.rel,
          jcc: 'k1',
          tearline,
          secret: unit,
        });
        mine.push(r.body.id);
        if (a.notify) {
          const n = await server.request('POST', `/api/v1/activities/${r.body.id}/notify`, {
            cookie: cookies[a.owner],
            json: {},
          });
          assert.equal(n.status, 200, n.text);
          const stored = await store.activities.find(r.body.id);
          notified.set(r.body.id, new Set(stored?.notifications.map((x) => x.org)));
          for (const org of notified.get(r.body.id) ?? []) {
            assert.ok(
              whole(org as Org, truth.get(r.body.id) as Truth) || tearline !== null,
              'only those who may see it are notified',
            );
          }
        }
      }
      for (const [k, a] of w.activities.entries()) {
        if (!a.narrowLater) continue;
        const id = mine[k];
        const current = await store.activities.find(id);
        const r = await server.request('PATCH', `/api/v1/activities/${id}`, {
          cookie: cookies[a.owner],
          json: { version: current?.version, releasability: 'org', tearline: null },
        });
        assert.equal(r.status, 200, r.text);
        const x = truth.get(id) as Truth;
        // The stream replays what was committed before as it was then: narrowing cannot recall it.
        narrowed.set(id, { seq: await store.changeLog.lastSeq(), truth: x, notified: notified.get(id) });
        truth.set(id, { ...x, rel: 'org', tearline: null });
        const stored = await store.activities.find(id);
        notified.set(id, new Set(stored?.notifications.map((n) => n.org)));
      }
      for (const reader of orgs) {
        const cookie = cookies[reader];
        const list = await server.request('GET', '/api/v1/activities?limit=1000', { cookie });
        checkText(reader, list.text, 'list');
        const listed = new Set(list.body.items.map((i: { id: string }) => i.id));
        for (const x of truth.values()) {
          if (x.kind !== 'activity') continue;
          assert.equal(listed.has(x.id), whole(reader, x) || noticeVisible(reader, x), `list: ${reader} and ${x.id}`);
        }
        for (const item of list.body.items) checkSeen(reader, item, 'list');
        for (const id of mine) {
          const r = await server.request('GET', `/api/v1/activities/${id}`, { cookie });
          const x = truth.get(id) as Truth;
          assert.equal(r.status, whole(reader, x) || noticeVisible(reader, x) ? 200 : 404, `get ${id} as ${reader}`);
          // A 404 echoes the id asked for, and nothing else.
          if (r.status === 200) {
            checkText(reader, r.text, 'get');
            checkSeen(reader, r.body, 'get');
          }
          const history = await server.request('GET', `/api/v1/activities/${id}/history`, { cookie });
          assert.equal(history.status, whole(reader, x) ? 200 : 404, `history of ${id} as ${reader}`);
          if (history.status === 200) checkText(reader, history.text, 'history');
        }
        for (const format of ['geojson', 'csv']) {
          const r = await server.request('GET', `/api/v1/activities/export?format=${format}`, { cookie });
          assert.equal(r.status, 200, r.text);
          checkText(reader, r.text, `export ${format}`);
          for (const x of truth.values()) {
            if (x.kind === 'activity')
              assert.equal(r.text.includes(x.id), whole(reader, x), `export ${format}: ${reader} and ${x.id}`);
          }
        }
      }
    }),
    { numRuns },
  );

  t.diagnostic(`conflicts read: ${seenConflicts.shown} shown, ${seenConflicts.hidden} hidden`);
  assert.ok(seenConflicts.hidden > 0 && seenConflicts.shown > 0, 'the worlds exercise both kinds of conflict');

  // A record every organisation sees, written last: once each stream has it, it has had everything before it.
  const sentinel = await addCheckpoint(store, 'isf', 'sentinel', [44.9, 35.9], 0.5, { scope: 'coalition' });
  for (const reader of orgs) {
    const events = await streams[reader].until((es) => es.some((e) => e.data.record.id === sentinel), 20_000);
    for (const e of events) {
      if (e.event !== 'activity') continue;
      // A live stream delivers each change as it is committed, and narrowing cannot recall what was
      // delivered: an event is checked against every record as it was then.
      const swapped = [...narrowed].filter(([, then]) => e.data.seq < then.seq);
      const saved = swapped.map(([id]) => [id, truth.get(id), notified.get(id)] as const);
      for (const [id, then] of swapped) {
        truth.set(id, then.truth);
        if (then.notified) notified.set(id, then.notified);
        else notified.delete(id);
      }
      checkText(reader, JSON.stringify(e.data), 'stream');
      checkSeen(reader, e.data.record, 'stream');
      for (const [id, x, n] of saved) {
        truth.set(id, x as Truth);
        if (n) notified.set(id, n);
        else notified.delete(id);
      }
    }
  }
});
