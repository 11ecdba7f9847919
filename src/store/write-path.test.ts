import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeIncident } from '../../test/factories/incident.ts';
import { withRawSql } from '../../test/harness/raw-sql.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import type { ChangeEvent } from '../bus/bus.ts';
import type { Incident } from '../domain/incident.ts';
import { addOrganisation } from '../service/organisations.ts';
import { auditHash, genesisHash } from './audit-chain.ts';
import { openStore, type Store } from './store.ts';

function incident(org: string): Incident {
  return makeIncident({ ownerOrg: org, time: new Date().toISOString() });
}

async function freshStore(t: { after(fn: () => void): void }): Promise<Store> {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  await addOrganisation(store, 'isf', 'Iraqi Security Forces');
  return store;
}

function count(store: Store, table: string): number {
  return withRawSql(store, (db) => Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n));
}

test('a write stores the record, its change-log entry and its audit entry, then publishes', async (t) => {
  const store = await freshStore(t);
  const heard: ChangeEvent[] = [];
  store.bus.subscribe((e) => heard.push(e));
  const before = await store.changeLog.lastSeq();
  const i = incident('isf');
  await store.write('someone', (tx) => tx.incidents.insert(i));
  assert.deepEqual((await store.incidents.find(i.id))?.id, i.id);
  assert.equal(await store.changeLog.lastSeq(), before + 1);
  assert.equal(heard.length, 1);
  assert.deepEqual(
    { seq: heard[0].seq, type: heard[0].recordType, id: heard[0].recordId, op: heard[0].op, owner: heard[0].ownerOrg },
    { seq: before + 1, type: 'incident', id: i.id, op: 'create', owner: 'isf' },
  );
  const [audit] = await store.auditLog.query({}, 1);
  assert.equal(audit.action, 'incident.create');
  assert.equal(audit.actor, 'someone');
});

test('a fault between the record and its change-log entry leaves neither written and publishes nothing', async (t) => {
  const store = await freshStore(t);
  const heard: ChangeEvent[] = [];
  store.bus.subscribe((e) => heard.push(e));
  const counts = () => ['incidents', 'incidents_rtree', 'change_log', 'audit_log'].map((n) => count(store, n));
  const before = counts();
  // The fault: the change-log insert, which runs after the record insert, fails.
  withRawSql(store, (db) =>
    db.exec("CREATE TRIGGER inject_fault BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'injected fault'); END"),
  );
  const i = incident('isf');
  await assert.rejects(
    store.write(null, (tx) => tx.incidents.insert(i)),
    /injected fault/,
  );
  assert.deepEqual(counts(), before);
  assert.equal(await store.incidents.find(i.id), null);
  assert.equal(heard.length, 0);
  withRawSql(store, (db) => db.exec('DROP TRIGGER inject_fault'));
  // The store is usable afterwards and the log stays gap-free.
  await store.write(null, (tx) => tx.incidents.insert(incident('isf')));
  assert.deepEqual(await store.changeLog.gaps(), []);
});

test('an error thrown by the command itself rolls back everything it wrote', async (t) => {
  const store = await freshStore(t);
  const before = count(store, 'incidents');
  await assert.rejects(
    store.write(null, async (tx) => {
      await tx.incidents.insert(incident('isf'));
      throw new Error('validation failed late');
    }),
    /validation failed late/,
  );
  assert.equal(count(store, 'incidents'), before);
  assert.deepEqual(await store.changeLog.gaps(), []);
});

test('nested writes are refused instead of silently splitting a transaction', async (t) => {
  const store = await freshStore(t);
  await assert.rejects(
    store.write(null, () => store.write(null, async () => 1)),
    /inside another write/,
  );
});

test('writers take turns: a transaction that awaits keeps the others out until it ends', async (t) => {
  const store = await freshStore(t);
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const first = store.write('a', async (tx) => {
    order.push('a begins');
    await tx.incidents.insert(incident('isf'));
    await gate;
    order.push('a ends');
  });
  const second = store.write('b', async (tx) => {
    order.push('b begins');
    await tx.incidents.insert(incident('isf'));
    order.push('b ends');
  });
  // Let both get as far as they can: b must wait for a, whatever a awaits.
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(order, ['a begins']);
  release();
  await Promise.all([first, second]);
  assert.deepEqual(order, ['a begins', 'a ends', 'b begins', 'b ends']);
  assert.deepEqual(await store.changeLog.gaps(), []);
});

test('reads outside a transaction see the last commit, never what an open transaction wrote', async (t) => {
  const store = await freshStore(t);
  const i = incident('isf');
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let insideSaw: Incident | null = null;
  const writing = store.write(null, async (tx) => {
    await tx.incidents.insert(i);
    insideSaw = await tx.incidents.find(i.id);
    await gate;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(await store.incidents.find(i.id), null, 'not committed yet');
  release();
  await writing;
  assert.equal((insideSaw as Incident | null)?.id, i.id, 'the transaction sees its own write');
  assert.equal((await store.incidents.find(i.id))?.id, i.id, 'seen once committed');
});

test('a failed write does not stop the writers queued behind it', async (t) => {
  const store = await freshStore(t);
  const failing = store.write(null, async () => {
    throw new Error('refused');
  });
  const next = store.write(null, (tx) => tx.incidents.insert(incident('isf')));
  await assert.rejects(failing, /refused/);
  await next;
  assert.equal(count(store, 'incidents'), 1);
});

test('the change log and the audit log are append-only', async (t) => {
  const store = await freshStore(t);
  withRawSql(store, (db) => {
    assert.throws(() => db.exec("UPDATE change_log SET op = 'delete'"), /append-only/);
    assert.throws(() => db.exec('DELETE FROM change_log'), /append-only/);
    assert.throws(() => db.exec("UPDATE audit_log SET action = 'x'"), /append-only/);
    assert.throws(() => db.exec('DELETE FROM audit_log'), /append-only/);
  });
});

test('each audit entry carries the hash of the one before it', async (t) => {
  const store = await freshStore(t);
  for (let n = 0; n < 5; n++) await store.write('a', (tx) => tx.incidents.insert(incident('isf')));
  const rows = await store.auditLog.after(0, 100);
  let prev = genesisHash;
  for (const r of rows) {
    assert.equal(r.prevHash, prev);
    assert.equal(r.hash, auditHash(prev, r));
    prev = r.hash;
  }
  assert.equal(rows.length, 6);
});

test('a listener that throws does not undo the commit or silence other listeners', async (t) => {
  const errors: unknown[] = [];
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  const heard: number[] = [];
  store.bus.subscribe(() => {
    throw new Error('listener broke');
  });
  store.bus.subscribe((e) => heard.push(e.seq));
  const originalError = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    await addOrganisation(store, 'isf', 'Iraqi Security Forces');
  } finally {
    console.error = originalError;
  }
  assert.equal(heard.length, 1);
  assert.equal(errors.length, 1);
  assert.equal(await store.changeLog.lastSeq(), 1);
});
