import { existsSync } from 'node:fs';
import { SeamError } from '../../domain/errors.ts';
import { databaseFile, openStore, type Store } from '../../store/store.ts';
import { dataDir } from '../args.ts';

/** Opens the store of an existing data directory, refusing to create one by accident. */
export function openExistingStore(dataDirValue: string | undefined): Store {
  const dir = dataDir(dataDirValue);
  const file = databaseFile(dir);
  if (!existsSync(file)) {
    throw new SeamError('not_found', `no Seam database in ${dir} (start the server, or run "seam demo", first)`);
  }
  return openStore(file);
}

/** Runs fn with a store that is closed afterwards, whatever happens. */
export async function withStore<T>(dataDirValue: string | undefined, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openExistingStore(dataDirValue);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
