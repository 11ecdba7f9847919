import type { ChangeEvent } from '../bus/bus.ts';
import type { RecordType } from '../domain/records/registry.ts';

/** An entry of the change log: the committed change the bus carries too. */
export type ChangeLogEntry = ChangeEvent;

/** The append-only change log: read only; entries are written by `Tx.change`. */
export interface ChangeLogReads {
  /** The highest sequence number written so far (0 for an empty log). */
  lastSeq(): Promise<number>;
  /** The highest sequence number of a change to any of these record types (0 for none): a version for caches. */
  lastSeqOf(recordTypes: readonly RecordType[]): Promise<number>;
  /** Entries after `afterSeq`, in commit order. */
  after(afterSeq: number, limit: number): Promise<ChangeLogEntry[]>;
  /** The first missing sequence number of each gap in the log: empty when it is gap-free. */
  gaps(): Promise<number[]>;
  /** Every entry of one record, oldest first. */
  ofRecord(recordType: string, recordId: string): Promise<ChangeLogEntry[]>;
}
