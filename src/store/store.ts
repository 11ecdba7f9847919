import { join } from 'node:path';
import { type Bus, InProcessBus } from '../bus/bus.ts';
import { type Database, openDatabase } from './sqlite/database.ts';
import { migrate } from './sqlite/migrate.ts';
import { WritePath } from './write-path.ts';

/** An open Seam database: reads go to `db`, every change goes through `writes`, and `bus` hears of them after commit. */
export interface Store {
  readonly db: Database;
  readonly writes: WritePath;
  readonly bus: Bus;
  readonly now: () => Date;
  readonly file: string;
  close(): void;
}

export interface StoreOptions {
  bus?: Bus;
  now?: () => Date;
}

/** The database file of a data directory. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'seam.db');
}

/** Opens (creating if needed) the database file and applies any pending migrations. */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const db = openDatabase(file);
  try {
    migrate(db, options.now);
  } catch (err) {
    db.close();
    throw err;
  }
  const bus = options.bus ?? new InProcessBus();
  const now = options.now ?? (() => new Date());
  return {
    db,
    writes: new WritePath(db, bus, now),
    bus,
    now,
    file,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
