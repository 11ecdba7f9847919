import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SeamError } from '../../domain/errors.ts';

export type Database = DatabaseSync;

export interface OpenOptions {
  readOnly?: boolean;
}

/**
 * Opens the SQLite file with the settings every Seam process relies on: WAL so readers never
 * block the writer, synchronous FULL so an acknowledged write survives power loss or kill -9,
 * foreign keys enforced, and a busy timeout so a second process (CLI next to a server) waits
 * instead of failing.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (file !== ':memory:' && !options.readOnly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly: options.readOnly ?? false, enableForeignKeyConstraints: true });
  } catch (err) {
    throw new SeamError('unavailable', `cannot open database ${file}: ${(err as Error).message}`);
  }
  db.exec('PRAGMA busy_timeout = 10000');
  if (!options.readOnly) {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
  }
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}
