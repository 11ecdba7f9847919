import type { Bus } from '../bus/bus.ts';
import type { ReadRepositories } from './repositories.ts';
import type { Tx } from './write-path.ts';

/**
 * An open Seam database. Reads go through the repositories on the store itself and see the last
 * committed state; every change goes through `write`, one transaction whose repositories are on
 * `tx`; `bus` hears of the committed changes afterwards.
 */
export interface Store extends ReadRepositories {
  readonly bus: Bus;
  readonly now: () => Date;
  /** Where the database lives (its file), for messages and size figures. */
  readonly file: string;
  /** This site's stable id: the origin of every change written here. */
  readonly site: string;
  /**
   * The one write path: runs `fn` in one transaction that writes records, their change-log entries
   * and audit entries together or not at all, then tells the bus. Writers run one at a time;
   * calling `write` inside `fn` is refused (pass the Tx down instead).
   */
  write<T>(actor: string | null, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The database's size on disk in bytes. */
  size(): Promise<number>;
  /** Makes the database file complete on its own (nothing left in side files), e.g. before it is moved. */
  checkpoint(): Promise<void>;
  close(): void;
}

export interface StoreOptions {
  bus?: Bus;
  now?: () => Date;
}
