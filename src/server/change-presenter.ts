import { type ReadContext, seeRecord } from '../access/record-access.ts';
import type { RecordTypeDescriptor } from '../domain/record-type.ts';
import { isRecordType, type LoggedOf, recordTypes, type StreamedRecordType } from '../domain/records/registry.ts';
import type { Actor } from '../service/actor.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import { presenterOf } from './record-presenters.ts';

export interface PresentedChange {
  event: string;
  data: { seq: number; op: string; at: string; record: unknown };
}

/** What the access functions need besides the reader and the record, gathered once per batch of changes. */
export type StreamReadContext = ReadContext;

/** One committed record of a streamed type as its reader may be told of it, or null. */
function presentRecord<K extends StreamedRecordType>(
  recordType: K,
  data: unknown,
  reader: Actor,
  context: StreamReadContext,
): unknown | null {
  const descriptor = recordTypes[recordType] as unknown as RecordTypeDescriptor<K, never, LoggedOf<K>>;
  const seen = seeRecord(recordType, reader, descriptor.fromLog(data), context);
  return seen === null ? null : presenterOf(recordType)(seen);
}

/**
 * What a user may be told of one committed change: the record as the REST API would present it
 * to them (or its tearline), or nothing. Each record type says in the registry who may read it
 * (`domain/records/`): site-internal types (users, tokens, boundaries, gap snapshots) are never
 * streamed; deletions are not streamed until a record type can be deleted.
 */
export function presentChange(entry: ChangeLogEntry, actor: Actor, context: StreamReadContext): PresentedChange | null {
  if (entry.op === 'delete' || entry.data === null) return null;
  if (!isRecordType(entry.recordType) || recordTypes[entry.recordType].audience === 'internal') return null;
  const record = presentRecord(entry.recordType as StreamedRecordType, entry.data, actor, context);
  if (record === null) return null;
  return { event: entry.recordType, data: { seq: entry.seq, op: entry.op, at: entry.at, record } };
}
