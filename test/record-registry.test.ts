import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { seeActivity } from '../src/access/activity.ts';
import { seeAlert, seeAlertRule } from '../src/access/alert.ts';
import { seeGeoChat } from '../src/access/geochat.ts';
import { seeIncident } from '../src/access/incident.ts';
import { seePresence } from '../src/access/presence.ts';
import { seeSitrep } from '../src/access/sitrep.ts';
import { seeSupportRequest } from '../src/access/support-request.ts';
import { loadDemo } from '../src/demo/load.ts';
import { buildDemoScenario } from '../src/demo/scenario.ts';
import type { Activity } from '../src/domain/activity.ts';
import type { Alert } from '../src/domain/alert.ts';
import type { AlertRule } from '../src/domain/alert-rule.ts';
import type { GeoChatMessage } from '../src/domain/geochat.ts';
import type { Presence } from '../src/domain/presence.ts';
import type { RecordTypeDescriptor } from '../src/domain/record-type.ts';
import { seenActivityWire } from '../src/domain/records/activity.ts';
import { geochatWire } from '../src/domain/records/geochat.ts';
import { incidentFromSnapshot } from '../src/domain/records/incident.ts';
import { isRecordType, recordTypeNames, recordTypes } from '../src/domain/records/registry.ts';
import { sitrepWire } from '../src/domain/records/sitrep.ts';
import type { Sitrep } from '../src/domain/sitrep.ts';
import type { SupportRequest } from '../src/domain/support-request.ts';
import { type PresentedChange, presentChange } from '../src/server/change-presenter.ts';
import { presentAlert, presentAlertRule } from '../src/server/presenters/alerts.ts';
import { presentSeen } from '../src/server/presenters/incident.ts';
import { presentPresence } from '../src/server/presenters/records.ts';
import { presentStreamedSupportRequest } from '../src/server/presenters/support-request.ts';
import { recordPresenters } from '../src/server/record-presenters.ts';
import { planActivity } from '../src/service/activities.ts';
import type { Actor } from '../src/service/actor.ts';
import { startAlertEngine } from '../src/service/alert-engine.ts';
import { createApiToken } from '../src/service/auth.ts';
import { type ChangeReadContext, changeReadContext } from '../src/service/change-reads.ts';
import { draftSitrep } from '../src/service/sitreps.ts';
import type { ChangeLogEntry } from '../src/store/change-log.ts';
import { newId } from '../src/store/ids.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { supportRequestRecord } from './factories/support-request.ts';
import { tempDir } from './harness/temp-dir.ts';

const asOf = '2026-11-20T00:00:00.000Z';

/** A site with the demo scenario, a token, a gap snapshot, and a boundary and a town loaded and removed: every kind of write. */
async function siteWithEveryWrite(t: Parameters<typeof tempDir>[0]): Promise<{ store: Store; log: ChangeLogEntry[] }> {
  const store = openStore(join(tempDir(t), 'seam.db'), { now: () => new Date(asOf) });
  t.after(() => store.close());
  await loadDemo(store, buildDemoScenario({ seed: 3, asOf }), () => 'registry-test-password-1');
  await createApiToken(store, null, 'isf-analyst', 'read', 30);
  await store.write(null, async (tx) => {
    await tx.gapSnapshots.save({
      id: newId(),
      org: 'isf',
      windowFrom: '2026-11-01T00:00:00.000Z',
      windowTo: '2026-11-08T00:00:00.000Z',
      minShare: 0,
      orgs: '',
      zoneKm2: 100,
      uncoveredKm2: 10,
      uncoveredShare: 0.1,
      longestUncoveredStretchKm: 2,
      corridors: 1,
      incidentsInGaps: 0,
      computedAt: tx.at,
    });
    await tx.boundaries.insert({
      id: newId(),
      level: 3,
      pcode: 'IQG13Q04S01',
      name: 'Test sub-district',
      nameAr: null,
      parentPcode: null,
      areaKm2: 1,
      createdAt: tx.at,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [44, 35],
            [44.1, 35],
            [44.1, 35.1],
            [44, 35],
          ],
        ],
      },
    });
  });
  await store.write(null, (tx) =>
    tx.places.insert({
      id: newId(),
      name: 'Test town',
      nameAr: null,
      nameCkb: null,
      lon: 44.05,
      lat: 35.05,
      population: null,
      rank: 4,
      createdAt: tx.at,
    }),
  );
  await store.write(null, (tx) => tx.supportRequests.insert(supportRequestRecord(newId(), tx.at)));
  // A GeoChat message from a TAK client, kept for the sender's organisation only.
  await store.write(null, (tx) =>
    tx.geochat.insert({
      id: newId(),
      room: 'All Chat Rooms',
      cotUid: 'GeoChat.ANDROID-1.All Chat Rooms.1',
      senderUid: 'ANDROID-1',
      senderCallsign: 'ALPHA',
      senderUser: 'isf-reporter',
      org: 'isf',
      text: 'registry test',
      lon: 44.4,
      lat: 35.5,
      releasability: { scope: 'org' },
      sentAt: tx.at,
      createdAt: tx.at,
    }),
  );
  await store.write(null, async (tx) => {
    await tx.boundaries.deleteLevel(3);
    await tx.places.deleteAll();
  });
  const liaison: Actor = { userId: newId(), username: 'isf-planner', org: 'isf', roles: ['liaison'], scope: 'write' };
  const plan = { kind: 'patrol', unit: 'Registry patrol', area: { shape: 'point', at: [44.39, 35.47], radius_km: 1 } };
  await planActivity(store, liaison, { ...plan, start: '2026-11-21T06:00:00Z', end: '2026-11-21T08:00:00Z' });
  // An alert rule, and the alerts the engine raises from it over the demo's incidents.
  await store.write(null, (tx) =>
    tx.alertRules.insert({
      id: newId(),
      org: 'peshmerga',
      name: 'Near our presence',
      kind: 'incident_near',
      radiusKm: 20,
      presenceKinds: ['checkpoint', 'patrol', 'unit_aor'],
      incidentTypes: [],
      enabled: true,
      createdBy: null,
      createdAt: tx.at,
      updatedAt: tx.at,
      version: 1,
    }),
  );
  // A SITREP draft: its originator's alone.
  const analyst: Actor = { userId: newId(), username: 'isf-analyst', org: 'isf', roles: ['analyst'], scope: 'write' };
  await draftSitrep(store, analyst, { jcc: 'k1', audience: 'partners' });
  // A TAK client certificate (issued, then revoked) and a data package a TAK client uploaded.
  await store.write(null, async (tx) => {
    const user = (await tx.users.findByName('isf-analyst'))!;
    const cert = {
      serial: '4a'.repeat(16),
      userId: user.id,
      username: user.username,
      org: user.org,
      fingerprint: 'ab'.repeat(32),
      notBefore: tx.at,
      notAfter: '2027-11-20T00:00:00.000Z',
      issuedAt: tx.at,
      issuedBy: null,
      origin: 'cli' as const,
      revokedAt: null,
      revokedBy: null,
    };
    await tx.takCertificates.insert(cert);
    await tx.takCertificates.revoke(cert);
    await tx.dataPackages.insert(
      {
        id: newId(),
        hash: 'cd'.repeat(32),
        filename: 'route.zip',
        name: 'Route',
        creatorUid: 'ANDROID-1',
        size: 3,
        ownerOrg: 'isf',
        releasability: { scope: 'org' },
        jcc: null,
        uploadedBy: user.username,
        uploadedAt: tx.at,
      },
      new Uint8Array([1, 2, 3]),
    );
  });
  const engine = startAlertEngine(store);
  await engine.settled();
  await engine.stop();
  return { store, log: await store.changeLog.after(0, 1_000_000) };
}

function readerOf(org: string): Actor {
  return { userId: newId(), username: `${org}-reader`, org, roles: ['viewer'], scope: 'read' };
}

test('every record type written to the change log is registered, and its entry carries the facts its registration gives', async (t) => {
  const { log } = await siteWithEveryWrite(t);
  const written = new Set(log.map((e) => e.recordType));
  assert.deepEqual([...written].sort(), [...recordTypeNames].sort(), 'the writes above reach every registered type');
  for (const e of log) {
    assert.ok(isRecordType(e.recordType), `${e.recordType} is registered`);
    if (e.data === null) continue;
    const d = recordTypes[e.recordType] as unknown as RecordTypeDescriptor<string, unknown, unknown>;
    const record = d.fromLog(e.data);
    // A token's organisation is its user's, which the token itself does not carry: the entry gives it back.
    const logged = d.logged(e.recordType === 'api_token' ? { token: record, ownerOrg: e.ownerOrg } : record);
    assert.deepEqual(
      { recordId: logged.recordId, ownerOrg: logged.ownerOrg, releasability: logged.releasability, jcc: logged.jcc },
      { recordId: e.recordId, ownerOrg: e.ownerOrg, releasability: e.releasability, jcc: e.jcc },
      `${e.recordType} ${e.recordId}`,
    );
    assert.deepEqual(JSON.parse(JSON.stringify(logged.data)), e.data, `${e.recordType} ${e.recordId}: the data kept`);
  }
});

test('the live stream presents exactly the registered streamed types, each through its access function and presenter', async (t) => {
  const { store, log } = await siteWithEveryWrite(t);
  const streamed = recordTypeNames.filter((n) => recordTypes[n].audience !== 'internal');
  assert.deepEqual(Object.keys(recordPresenters).sort(), [...streamed].sort(), 'a presenter for each streamed type');
  const context = await changeReadContext(store, log);
  const readers = ['isf', 'peshmerga', 'coalition', 'un-observers'].map(readerOf);
  const told = new Map<string, { shown: number; withheld: number }>();
  for (const e of log) {
    for (const reader of readers) {
      const change = presentChange(e, reader, context);
      const tally = told.get(e.recordType) ?? { shown: 0, withheld: 0 };
      told.set(e.recordType, tally);
      if (change === null) tally.withheld++;
      else tally.shown++;
      const expected = expectedRecord(e, reader, context);
      assert.deepEqual(change?.data.record ?? null, expected, `${e.recordType} ${e.recordId} for ${reader.org}`);
      if (change) assert.deepEqual(eventOf(change), { event: e.recordType, seq: e.seq, op: e.op, at: e.at });
    }
  }
  for (const type of recordTypeNames) {
    const tally = told.get(type)!;
    const audience = recordTypes[type].audience;
    if (audience === 'internal') assert.equal(tally.shown, 0, `${type} is never streamed`);
    if (audience === 'site') assert.equal(tally.withheld, 0, `${type} is site reference every reader gets`);
    if (audience === 'released') {
      assert.ok(tally.shown > 0 && tally.withheld > 0, `${type} reaches some readers and not others`);
    }
  }
});

function eventOf(c: PresentedChange) {
  return { event: c.event, seq: c.data.seq, op: c.data.op, at: c.data.at };
}

/** What the record type's own access function and presenter say the reader is told, written out per type. */
function expectedRecord(e: ChangeLogEntry, reader: Actor, context: ChangeReadContext): unknown {
  switch (e.recordType) {
    case 'incident': {
      const seen = seeIncident(reader, incidentFromSnapshot(e.data), context.facts, context.gridKm, context.referenced);
      return seen && presentSeen(seen);
    }
    case 'presence': {
      const seen = seePresence(reader, e.data as Presence, context.facts);
      return seen && presentPresence(seen);
    }
    case 'activity': {
      const { facts, gridKm, conflictSharing } = context;
      const seen = seeActivity(reader, e.data as Activity, facts, gridKm, conflictSharing);
      return seen && seenActivityWire(seen);
    }
    case 'alert': {
      const seen = seeAlert(reader, e.data as Alert, context);
      return seen && presentAlert(seen);
    }
    case 'alert_rule': {
      const seen = seeAlertRule(reader, e.data as AlertRule, context.facts);
      return seen && presentAlertRule(seen);
    }
    case 'support_request': {
      const seen = seeSupportRequest(reader, e.data as SupportRequest, context.facts, context.referenced);
      return seen && presentStreamedSupportRequest(seen);
    }
    case 'sitrep': {
      const seen = seeSitrep(reader, e.data as Sitrep, context.facts);
      return seen && sitrepWire(seen);
    }
    case 'geochat': {
      const seen = seeGeoChat(reader, e.data as GeoChatMessage, context.facts);
      return seen && geochatWire(seen);
    }
    case 'organisation':
    case 'jcc':
    case 'coordination_line':
    case 'sharing_group':
      return (recordPresenters[e.recordType] as (r: unknown) => unknown)(e.data);
    default:
      return null;
  }
}
