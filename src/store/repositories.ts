import type { ActivityReads, ActivityWrites } from './activities.ts';
import type { AlertReads, AlertRuleReads, AlertRuleWrites, AlertWrites } from './alerts.ts';
import type { AuditLogReads } from './audit-log.ts';
import type { BoundaryReads, BoundaryWrites } from './boundaries.ts';
import type { ChangeLogReads } from './change-log.ts';
import type { CoordinationLineReads, CoordinationLineWrites } from './coordination-lines.ts';
import type { CredentialReads, CredentialWrites } from './credentials.ts';
import type { GapSnapshotReads, GapSnapshotWrites } from './gap-snapshots.ts';
import type { GeoChatReads, GeoChatWrites } from './geochat.ts';
import type { IncidentReads, IncidentWrites } from './incidents.ts';
import type { JccReads, JccWrites } from './jccs.ts';
import type { MembershipReads, OrganisationReads, OrganisationWrites } from './organisations.ts';
import type { PlaceReads, PlaceWrites } from './places.ts';
import type { PresenceReads, PresenceWrites } from './presence.ts';
import type { ReleasabilityDefaultReads, ReleasabilityDefaultWrites } from './releasability-defaults.ts';
import type { SettingReads, SettingWrites } from './settings.ts';
import type { SharingGroupReads, SharingGroupWrites } from './sharing-groups.ts';
import type { SitrepReads, SitrepWrites } from './sitreps.ts';
import type { SupportRequestReads, SupportRequestWrites } from './support-requests.ts';
import type { DataPackageReads, DataPackageWrites, TakCertificateReads, TakCertificateWrites } from './tak.ts';
import type { UserReads, UserWrites } from './users.ts';

/**
 * What can be read, one repository per concept. Every method returns a promise, so a store on a
 * network database (PostgreSQL) can satisfy the same interfaces as the embedded one.
 */
export interface ReadRepositories {
  readonly organisations: OrganisationReads;
  readonly memberships: MembershipReads;
  readonly users: UserReads;
  readonly credentials: CredentialReads;
  readonly jccs: JccReads;
  readonly lines: CoordinationLineReads;
  readonly presence: PresenceReads;
  readonly places: PlaceReads;
  readonly incidents: IncidentReads;
  readonly boundaries: BoundaryReads;
  readonly sharingGroups: SharingGroupReads;
  readonly releasabilityDefaults: ReleasabilityDefaultReads;
  readonly settings: SettingReads;
  readonly gapSnapshots: GapSnapshotReads;
  readonly changeLog: ChangeLogReads;
  readonly auditLog: AuditLogReads;
  readonly activities: ActivityReads;
  readonly alertRules: AlertRuleReads;
  readonly alerts: AlertReads;
  readonly supportRequests: SupportRequestReads;
  readonly sitreps: SitrepReads;
  readonly takCertificates: TakCertificateReads;
  readonly dataPackages: DataPackageReads;
  readonly geochat: GeoChatReads;
}

/** The repositories of a transaction: the same reads, seeing the transaction's own writes, and the writes. */
export interface Repositories extends ReadRepositories {
  readonly organisations: OrganisationReads & OrganisationWrites;
  readonly users: UserReads & UserWrites;
  readonly credentials: CredentialReads & CredentialWrites;
  readonly jccs: JccReads & JccWrites;
  readonly lines: CoordinationLineReads & CoordinationLineWrites;
  readonly presence: PresenceReads & PresenceWrites;
  readonly places: PlaceReads & PlaceWrites;
  readonly incidents: IncidentReads & IncidentWrites;
  readonly boundaries: BoundaryReads & BoundaryWrites;
  readonly sharingGroups: SharingGroupReads & SharingGroupWrites;
  readonly releasabilityDefaults: ReleasabilityDefaultReads & ReleasabilityDefaultWrites;
  readonly settings: SettingReads & SettingWrites;
  readonly gapSnapshots: GapSnapshotReads & GapSnapshotWrites;
  readonly activities: ActivityReads & ActivityWrites;
  readonly alertRules: AlertRuleReads & AlertRuleWrites;
  readonly alerts: AlertReads & AlertWrites;
  readonly supportRequests: SupportRequestReads & SupportRequestWrites;
  readonly sitreps: SitrepReads & SitrepWrites;
  readonly takCertificates: TakCertificateReads & TakCertificateWrites;
  readonly dataPackages: DataPackageReads & DataPackageWrites;
  readonly geochat: GeoChatReads & GeoChatWrites;
}
