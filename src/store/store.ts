import { join } from 'node:path';
import { backupSqliteDatabase, openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store, StoreOptions } from './store-interface.ts';

export type { Store, StoreOptions } from './store-interface.ts';

/** The database file of a data directory. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'seam.db');
}

/** Opens (creating if needed) the database file and applies any pending migrations. */
export function openStore(file: string, options: StoreOptions = {}): Store {
  return openSqliteStore(file, options);
}

/** Copies a database consistently, even while another process writes to it; returns the pages copied. */
export function backupDatabase(source: string, target: string): Promise<number> {
  return backupSqliteDatabase(source, target);
}
