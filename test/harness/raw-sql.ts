import { type Database, openDatabase } from '../../src/store/sqlite/database.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Runs `fn` on a connection of its own to a store's SQLite file: for tests that inspect the
 * database's tables or change them behind Seam's back, as an intruder or a failing disk would.
 */
export function withRawSql<T>(store: Store, fn: (db: Database) => T): T {
  const db = openDatabase(store.file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
