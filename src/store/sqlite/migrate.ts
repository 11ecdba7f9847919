import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

const migrationsDir = join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered migrations shipped with this version, in order. */
export function availableMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      sql: readFileSync(join(migrationsDir, f), 'utf8'),
    }));
}

/** Versions already applied to this database. */
export function appliedVersions(db: Database): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  return db
    .prepare('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => Number(r.version));
}

/**
 * Applies every migration not yet applied, each in its own transaction, and returns what it applied.
 * A database newer than this code is refused rather than silently misread.
 */
export function migrate(db: Database, now: () => Date = () => new Date()): Migration[] {
  const done = new Set(appliedVersions(db));
  const all = availableMigrations();
  const newest = all.at(-1)?.version ?? 0;
  const unknown = [...done].filter((v) => v > newest);
  if (unknown.length > 0) {
    throw new Error(
      `database has migration ${Math.max(...unknown)}, newer than this version of Seam knows (${newest})`,
    );
  }
  const applied: Migration[] = [];
  for (const m of all) {
    if (done.has(m.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        now().toISOString(),
      );
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
    applied.push(m);
  }
  return applied;
}
