import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { backup } from 'node:sqlite';
import { InProcessBus } from '../../bus/bus.ts';
import type { Store, StoreOptions } from '../store-interface.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { sqliteReads } from './repositories.ts';
import { getSetting } from './settings.ts';
import { SqliteWritePath } from './write-path.ts';

function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * The embedded store: one writer connection that only the write path uses, one transaction at a
 * time, and a separate reader connection for everything read outside a transaction. WAL lets the
 * reader see the last commit while a transaction is open, and never what is not yet committed.
 */
export function openSqliteStore(file: string, options: StoreOptions = {}): Store {
  const writer = openDatabase(file);
  try {
    migrate(writer, options.now);
  } catch (err) {
    writer.close();
    throw err;
  }
  const site = getSetting(writer, 'site_id');
  if (!site) {
    writer.close();
    throw new Error(`database ${file} has no site id: it was not migrated`);
  }
  const reader = openDatabase(file);
  const bus = options.bus ?? new InProcessBus();
  const now = options.now ?? (() => new Date());
  const writes = new SqliteWritePath(writer, bus, site, now);
  return {
    ...sqliteReads(reader),
    bus,
    now,
    file,
    site,
    write: (actor, fn) => writes.write(actor, fn),
    size: async () => fileSize(file) + fileSize(`${file}-wal`),
    checkpoint: () => writes.exclusive((db) => db.exec('PRAGMA wal_checkpoint(TRUNCATE)')),
    close: () => {
      if (reader.isOpen) reader.close();
      if (writer.isOpen) writer.close();
    },
  };
}

/**
 * SQLite's online backup, page by page, from a read-only connection: the copy is written beside
 * `target` and renamed into place only when complete.
 */
export async function backupSqliteDatabase(source: string, target: string): Promise<number> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(source, { readOnly: true });
  try {
    const pages = await backup(db, partial, { rate: 1000 });
    renameSync(partial, target);
    return pages;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
