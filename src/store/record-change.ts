import type { RecordTypeDescriptor } from '../domain/record-type.ts';
import { type RecordOf, type RecordType, recordTypes } from '../domain/records/registry.ts';
import type { ChangeInput } from './write-path.ts';

/**
 * The change-log entry of a write: the record's id, sharing facts and kept data as its record type
 * registers them (`domain/records/`), with this write's operation and audit entry.
 */
export function recordChange<K extends RecordType>(
  recordType: K,
  record: RecordOf<K>,
  op: ChangeInput['op'],
  audit?: ChangeInput['audit'],
): ChangeInput {
  const descriptor = recordTypes[recordType] as unknown as RecordTypeDescriptor<K, RecordOf<K>>;
  return { recordType, op, ...descriptor.logged(record), audit };
}
