import type { StatementSync } from 'node:sqlite';
import type { Database } from './database.ts';

const cache = new WeakMap<Database, Map<string, StatementSync>>();

/** A prepared statement for this SQL on this database, prepared once and reused. */
export function prepared(db: Database, sql: string): StatementSync {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}
