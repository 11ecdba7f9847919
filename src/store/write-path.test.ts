import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeIncident } from '../../test/factories/incident.ts';
import { tempDir } from '../../test/harness/temp-dir.ts';
import type { ChangeEvent } from '../bus/bus.ts';
import type { Incident } from '../domain/incident.ts';
import { addOrganisation } from '../service/organisations.ts';
import { changeLogGaps, lastSeq } from './change-log.ts';
import { findIncident, insertIncident } from './incidents.ts';
import { openStore, type Store } from './store.ts';
import { auditHash, genesisHash } from './write-path.ts';

function incident(org: string): Incident {
  return makeIncident({ ownerOrg: org, time: new Date().toISOString() });
}

function freshStore(t: { after(fn: () => void): void }): Store {
  const store = openStore(join(tempDir(t), 'seam.db'));
  t.after(() => store.close());
  addOrganisation(store, 'isf', 'Iraqi Security Forces');
  return store;
}

function count(store: Store, table: string): number {
  return Number((store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
}

test('a write stores the record, its change-log entry and its audit entry, then publishes', (t) => {
  const store = freshStore(t);
  const heard: ChangeEvent[] = [];
  store.bus.subscribe((e) => heard.push(e));
  const before = lastSeq(store.db);
  const i = incident('isf');
  store.writes.write('someone', (tx) => insertIncident(tx, i));
  assert.deepEqual(findIncident(store.db, i.id)?.id, i.id);
  assert.equal(lastSeq(store.db), before + 1);
  assert.equal(heard.length, 1);
  assert.deepEqual(
    { seq: heard[0].seq, type: heard[0].recordType, id: heard[0].recordId, op: heard[0].op, owner: heard[0].ownerOrg },
    { seq: before + 1, type: 'incident', id: i.id, op: 'create', owner: 'isf' },
  );
  const audit = store.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Record<string, string>;
  assert.equal(audit.action, 'incident.create');
  assert.equal(audit.actor, 'someone');
});

test('a fault between the record and its change-log entry leaves neither written and publishes nothing', (t) => {
  const store = freshStore(t);
  const heard: ChangeEvent[] = [];
  store.bus.subscribe((e) => heard.push(e));
  const counts = () => ['incidents', 'incidents_rtree', 'change_log', 'audit_log'].map((n) => count(store, n));
  const before = counts();
  // The fault: the change-log insert, which runs after the record insert, fails.
  store.db.exec(
    "CREATE TEMP TRIGGER inject_fault BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'injected fault'); END",
  );
  const i = incident('isf');
  assert.throws(() => store.writes.write(null, (tx) => insertIncident(tx, i)), /injected fault/);
  assert.deepEqual(counts(), before);
  assert.equal(findIncident(store.db, i.id), null);
  assert.equal(heard.length, 0);
  store.db.exec('DROP TRIGGER inject_fault');
  // The store is usable afterwards and the log stays gap-free.
  store.writes.write(null, (tx) => insertIncident(tx, incident('isf')));
  assert.deepEqual(changeLogGaps(store.db), []);
});

test('an error thrown by the command itself rolls back everything it wrote', (t) => {
  const store = freshStore(t);
  const before = count(store, 'incidents');
  assert.throws(() =>
    store.writes.write(null, (tx) => {
      insertIncident(tx, incident('isf'));
      throw new Error('validation failed late');
    }),
  );
  assert.equal(count(store, 'incidents'), before);
  assert.deepEqual(changeLogGaps(store.db), []);
});

test('nested writes are refused instead of silently splitting a transaction', (t) => {
  const store = freshStore(t);
  assert.throws(() => store.writes.write(null, () => store.writes.write(null, () => 1)), /inside another write/);
});

test('the change log and the audit log are append-only', (t) => {
  const store = freshStore(t);
  assert.throws(() => store.db.exec("UPDATE change_log SET op = 'delete'"), /append-only/);
  assert.throws(() => store.db.exec('DELETE FROM change_log'), /append-only/);
  assert.throws(() => store.db.exec("UPDATE audit_log SET action = 'x'"), /append-only/);
  assert.throws(() => store.db.exec('DELETE FROM audit_log'), /append-only/);
});

test('each audit entry carries the hash of the one before it', (t) => {
  const store = freshStore(t);
  for (let n = 0; n < 5; n++) store.writes.write('a', (tx) => insertIncident(tx, incident('isf')));
  const rows = store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, never>[];
  let prev = genesisHash;
  for (const r of rows) {
    assert.equal(r.prev_hash, prev);
    const expected = auditHash(prev, {
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      detail: r.detail,
    });
    assert.equal(r.hash, expected);
    prev = r.hash;
  }
});

test('a listener that throws does not undo the commit or silence other listeners', (t) => {
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
    addOrganisation(store, 'isf', 'Iraqi Security Forces');
  } finally {
    console.error = originalError;
  }
  assert.equal(heard.length, 1);
  assert.equal(errors.length, 1);
  assert.equal(lastSeq(store.db), 1);
});
