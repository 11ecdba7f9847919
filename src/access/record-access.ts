import type { LoggedOf, ReleasedRecordType, StreamedRecordType } from '../domain/records/registry.ts';
import { recordTypes } from '../domain/records/registry.ts';
import { type ConflictSharing, seeActivity } from './activity.ts';
import { type AlertSubjects, seeAlert, seeAlertRule } from './alert.ts';
import { seeGeoChat } from './geochat.ts';
import { type ReferencedIncidents, type SeenIncident, seeIncident } from './incident.ts';
import type { AccessFacts, Reader } from './policy.ts';
import { seePresence } from './presence.ts';
import { seeSitrep } from './sitrep.ts';
import { seeSupportRequest } from './support-request.ts';

/** What the access functions need besides the reader and the record, gathered once per batch of reads. */
export interface ReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
  /** Who may see the records activities' conflicts are with, as they are now. */
  conflictSharing: ConflictSharing;
  subjects: AlertSubjects;
}

/** What a reader may see of a record: its own view of it (the record, a tearline), or null. */
type See<R, S> = (reader: Reader, record: R, context: ReadContext) => S | null;

/**
 * The access function of each record type the policy releases reader by reader. Typed as complete
 * over the registry's `released` types: registering one without its function here fails to compile.
 */
const released = {
  incident: (reader, i, { facts, gridKm, referenced }) => seeIncident(reader, i, facts, gridKm, referenced),
  presence: (reader, p, { facts }) => seePresence(reader, p, facts),
  activity: (reader, a, { facts, gridKm, conflictSharing }) => seeActivity(reader, a, facts, gridKm, conflictSharing),
  alert_rule: (reader, r, { facts }) => seeAlertRule(reader, r, facts),
  alert: (reader, a, context) => seeAlert(reader, a, context),
  support_request: (reader, r, { facts, referenced }) => seeSupportRequest(reader, r, facts, referenced),
  sitrep: (reader, s, { facts }) => seeSitrep(reader, s, facts),
  geochat: (reader, m, { facts }) => seeGeoChat(reader, m, facts),
} satisfies { [K in ReleasedRecordType]: See<LoggedOf<K>, unknown> };

/** What a reader sees of a record of each streamed type: the released types' view, or site reference as it is. */
export type SeenOf<K extends StreamedRecordType> = K extends ReleasedRecordType
  ? NonNullable<ReturnType<(typeof released)[K]>>
  : LoggedOf<K>;

/** Kept for the incident's own view, which the presenters take. */
export type { SeenIncident };

/**
 * What a reader may see of one record of a type that may leave the site's internals: for a type
 * the policy releases, its access function decides; site reference (`site` audience) every reader
 * of the site reads whole.
 */
export function seeRecord<K extends StreamedRecordType>(
  recordType: K,
  reader: Reader,
  record: LoggedOf<K>,
  context: ReadContext,
): SeenOf<K> | null {
  if (recordTypes[recordType].audience === 'site') return record as SeenOf<K>;
  const see = released[recordType as ReleasedRecordType] as See<LoggedOf<K>, SeenOf<K>>;
  return see(reader, record, context);
}
