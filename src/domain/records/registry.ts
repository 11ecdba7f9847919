/**
 * Every record type of the site, each registered once by its descriptor in this folder. The change
 * log, the store's writes, the access policy and the live stream look types up here; a new record
 * type is a new file beside these and one line below, and the compiler then asks for its access
 * function (`src/access/record-access.ts`) and presenter (`src/server/record-presenters.ts`).
 */
import type { RecordAudience, RecordTypeDescriptor } from '../record-type.ts';
import { activityRecord } from './activity.ts';
import { adminBoundaryRecord } from './admin-boundary.ts';
import { alertRecord } from './alert.ts';
import { alertRuleRecord } from './alert-rule.ts';
import { apiTokenRecord } from './api-token.ts';
import { coordinationLineRecord } from './coordination-line.ts';
import { dataPackageRecord } from './data-package.ts';
import { gapSnapshotRecord } from './gap-snapshot.ts';
import { geochatRecord } from './geochat.ts';
import { incidentRecord } from './incident.ts';
import { jccRecord } from './jcc.ts';
import { organisationRecord } from './organisation.ts';
import { placeRecord } from './place.ts';
import { presenceRecord } from './presence.ts';
import { sharingGroupRecord } from './sharing-group.ts';
import { sitrepRecord } from './sitrep.ts';
import { supportRequestRecord } from './support-request.ts';
import { takCertificateRecord } from './tak-certificate.ts';
import { userRecord } from './user.ts';

const registered = [
  organisationRecord,
  userRecord,
  apiTokenRecord,
  sharingGroupRecord,
  jccRecord,
  coordinationLineRecord,
  presenceRecord,
  incidentRecord,
  adminBoundaryRecord,
  placeRecord,
  gapSnapshotRecord,
  activityRecord,
  alertRuleRecord,
  alertRecord,
  supportRequestRecord,
  sitrepRecord,
  takCertificateRecord,
  dataPackageRecord,
  geochatRecord,
] as const;

type Registered = (typeof registered)[number];

/** The name of a record type, as the change log and the audit log name it. */
export type RecordType = Registered['name'];

/** Each record type's descriptor, by name. */
export const recordTypes = Object.fromEntries(registered.map((d) => [d.name, d])) as {
  [D in Registered as D['name']]: D;
};

/** The record a write hands over for a record type. */
export type RecordOf<K extends RecordType> =
  (typeof recordTypes)[K] extends RecordTypeDescriptor<K, infer R, unknown, RecordAudience> ? R : never;

/** The record a change-log entry of a record type gives back. */
export type LoggedOf<K extends RecordType> =
  (typeof recordTypes)[K] extends RecordTypeDescriptor<K, never, infer L, RecordAudience> ? L : never;

/** The record types the access policy releases reader by reader. */
export type ReleasedRecordType = Extract<Registered, { audience: 'released' }>['name'];

/** The record types a live stream carries: all but site-internal ones. */
export type StreamedRecordType = Exclude<RecordType, Extract<Registered, { audience: 'internal' }>['name']>;

export const recordTypeNames: readonly RecordType[] = registered.map((d) => d.name);

/** Whether a name (read from the change log, say) is a registered record type. */
export function isRecordType(name: string): name is RecordType {
  return Object.hasOwn(recordTypes, name);
}
