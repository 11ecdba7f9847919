import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/harness/temp-dir.ts';
import { openDatabase } from './database.ts';
import { appliedVersions, availableMigrations, migrate } from './migrate.ts';

test('migrating an empty database applies every migration in order, once', (t) => {
  const db = openDatabase(join(tempDir(t), 'seam.db'));
  t.after(() => db.close());
  const all = availableMigrations();
  assert.ok(all.length >= 1);
  assert.deepEqual(
    all.map((m) => m.version),
    all.map((_, i) => i + 1),
    'migrations are numbered 001, 002, … without gaps',
  );
  const applied = migrate(db);
  assert.deepEqual(
    applied.map((m) => m.version),
    all.map((m) => m.version),
  );
  assert.deepEqual(
    appliedVersions(db),
    all.map((m) => m.version),
  );
  assert.deepEqual(migrate(db), [], 'a second run applies nothing');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
    .all()
    .map((r) => r.name);
  for (const name of [
    'organisations',
    'users',
    'jccs',
    'presence',
    'incidents',
    'change_log',
    'audit_log',
    'activities',
    'alert_rules',
    'alerts',
    'alert_reads',
    'alert_engine',
    'support_requests',
  ]) {
    assert.ok(tables.includes(name), `table ${name} exists`);
  }
});

test('the database is opened in WAL mode with synchronous FULL and foreign keys on', (t) => {
  const db = openDatabase(join(tempDir(t), 'seam.db'));
  t.after(() => db.close());
  assert.equal((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
  assert.equal((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous, 2);
  assert.equal((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys, 1);
});

test('a database migrated by a newer Seam is refused, not misread', (t) => {
  const db = openDatabase(join(tempDir(t), 'seam.db'));
  t.after(() => db.close());
  migrate(db);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'future', 'x');
  assert.throws(() => migrate(db), /migration 999, newer than this version/);
});

test('a failing migration leaves the database as it was', (t) => {
  const db = openDatabase(join(tempDir(t), 'seam.db'));
  t.after(() => db.close());
  db.exec('CREATE TABLE organisations (x INTEGER)');
  assert.throws(() => migrate(db), /migration 1 \(initial\) failed/);
  assert.deepEqual(appliedVersions(db), []);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
  assert.deepEqual(tables, ['organisations', 'schema_migrations']);
});

test('a database at migration 005 with records takes 006 (names, places), 007 (change origin), 008 (the log by type) and 009 (activities) in turn', (t) => {
  const db = openDatabase(join(tempDir(t), 'seam.db'));
  t.after(() => db.close());
  db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  for (const m of availableMigrations().filter((m) => m.version <= 5)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  db.prepare('INSERT INTO organisations (id, code, name, created_at) VALUES (?, ?, ?, ?)').run(
    'o1',
    'isf',
    'Iraqi Security Forces',
    '2026-01-01T00:00:00.000Z',
  );
  db.prepare('INSERT INTO change_log (at, record_type, record_id, op, data) VALUES (?, ?, ?, ?, ?)').run(
    '2026-01-01T00:00:00.000Z',
    'organisation',
    'o1',
    'create',
    JSON.stringify({ code: 'isf' }),
  );
  const applied = migrate(db).map((m) => m.version);
  assert.deepEqual(
    applied,
    availableMigrations()
      .map((m) => m.version)
      .filter((v) => v >= 6),
  );
  assert.equal(
    (db.prepare('SELECT seq FROM alert_engine').get() as { seq: number }).seq,
    0,
    'the alert engine of an existing site starts at the beginning of its change log',
  );
  assert.deepEqual(
    { ...db.prepare('SELECT code, name, name_ar, name_ckb FROM organisations').get() },
    { code: 'isf', name: 'Iraqi Security Forces', name_ar: null, name_ckb: null },
    'an organisation of before keeps its name and has none in Arabic or Kurdish',
  );
  assert.equal((db.prepare('SELECT count(*) AS n FROM places').get() as { n: number }).n, 0);
  const entry = db.prepare('SELECT origin, origin_seq FROM change_log').get() as { origin: string; origin_seq: number };
  const site = (db.prepare("SELECT value FROM settings WHERE key = 'site_id'").get() as { value: string }).value;
  assert.deepEqual([entry.origin, entry.origin_seq], [site, 1]);
  const plan = db
    .prepare('EXPLAIN QUERY PLAN SELECT max(seq) AS v FROM change_log WHERE record_type = ?')
    .all('organisation')
    .map((r) => String(r.detail));
  assert.ok(
    plan.some((d) => d.includes('change_log_type_seq')),
    `the latest change of a type is found through the index: ${plan}`,
  );
});
