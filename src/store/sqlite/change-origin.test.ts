import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeIncident } from '../../../test/factories/incident.ts';
import { tempDir } from '../../../test/harness/temp-dir.ts';
import type { ChangeEvent } from '../../bus/bus.ts';
import { addOrganisation } from '../../service/organisations.ts';
import { openStore } from '../store.ts';
import { openDatabase } from './database.ts';
import { availableMigrations, migrate } from './migrate.ts';

test('every change names this site and its place in the log, carries the version, and reaches the bus whole', async (t) => {
  const file = join(tempDir(t), 'seam.db');
  const store = openStore(file);
  t.after(() => store.close());
  assert.match(store.site, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const heard: ChangeEvent[] = [];
  store.bus.subscribe((e) => heard.push(e));
  await addOrganisation(store, 'isf', 'Iraqi Security Forces');
  const incident = makeIncident({ ownerOrg: 'isf', version: 3 });
  await store.write('someone', (tx) => tx.incidents.insert(incident));
  const log = await store.changeLog.after(0, 10);
  assert.deepEqual(
    log.map((e) => [e.seq, e.origin, e.originSeq, e.recordType, e.version]),
    [
      [1, store.site, 1, 'organisation', null],
      [2, store.site, 2, 'incident', 3],
    ],
  );
  assert.deepEqual(heard, log, 'the bus carries the committed change as the log keeps it, record included');
  assert.equal((heard[1].data as { id: string }).id, incident.id);
  assert.equal(heard[1].actor, 'someone');
});

test('the site id is made once and kept; entries written before it get it with their own sequence', (t) => {
  const file = join(tempDir(t), 'seam.db');
  const db = openDatabase(file);
  t.after(() => db.isOpen && db.close());
  // A database as the version before this migration left it, with a change already logged.
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  for (const m of availableMigrations().filter((m) => m.version < 7)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  const insert = db.prepare('INSERT INTO change_log (at, record_type, record_id, op, data) VALUES (?, ?, ?, ?, ?)');
  insert.run('2026-01-01T00:00:00.000Z', 'incident', 'a', 'create', JSON.stringify({ id: 'a', version: 2 }));
  insert.run('2026-01-01T00:00:00.000Z', 'organisation', 'o', 'create', JSON.stringify({ code: 'isf' }));
  insert.run('2026-01-01T00:00:00.000Z', 'admin_boundary', 'b', 'delete', null);
  migrate(db);
  const site = (db.prepare("SELECT value FROM settings WHERE key = 'site_id'").get() as { value: string }).value;
  assert.deepEqual(
    db
      .prepare('SELECT seq, origin, origin_seq, version FROM change_log ORDER BY seq')
      .all()
      .map((r) => [r.seq, r.origin, r.origin_seq, r.version]),
    [
      [1, site, 1, 2],
      [2, site, 2, null],
      [3, site, 3, null],
    ],
  );
  assert.throws(() => db.exec("UPDATE change_log SET origin = 'x'"), /append-only/, 'the guard is back');
  assert.throws(
    () =>
      db
        .prepare(
          'INSERT INTO change_log (at, record_type, record_id, op, origin, origin_seq) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run('2026-01-02T00:00:00.000Z', 'incident', 'a', 'update', site, 1),
    /UNIQUE/,
    'one entry per change of a site',
  );
  db.close();
  const store = openStore(file);
  const again = store.site;
  store.close();
  assert.equal(again, site, 'reopening keeps the id');
});
