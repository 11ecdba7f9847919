// The fields of a gap snapshot that leave the server are registered with its record type, where the web app reads their type too.
export { gapSnapshotWire as presentGapSnapshot } from '../../domain/records/gap-snapshot.ts';
