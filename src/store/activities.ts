import type { Activity, Conflict } from '../domain/activity.ts';
import type { BBox } from '../domain/geojson.ts';
import type { Presence } from '../domain/presence.ts';
import type { Releasability } from '../domain/releasability.ts';

/** What a list of activities can be narrowed by. */
export interface ActivityFilter {
  state?: Activity['state'];
  /** Activities running at or after this time (their last end). */
  from?: string;
  /** Activities starting before this time. */
  to?: string;
  /** An owner organisation. */
  org?: string;
  bbox?: BBox;
}

/** Where and when deconfliction looks: the prefilter's box and time range, already grown by separation and margin. */
export interface CandidateQuery {
  bbox: BBox;
  /** Epoch ms. */
  from: number;
  to: number;
  /** Incidents reported in this range (ISO times). */
  incidentsFrom: string;
  incidentsTo: string;
}

/** A recent incident as deconfliction needs it. */
export interface IncidentCandidateRow {
  id: string;
  ownerOrg: string;
  type: string;
  time: string;
  lon: number;
  lat: number;
  jcc: string | null;
}

/** What the prefilter found: announced activities, presence and incidents that may conflict. */
export interface DeconflictionCandidates {
  activities: Activity[];
  presence: Presence[];
  incidents: IncidentCandidateRow[];
}

/** Who may see a record a conflict is with: its owners, releasability, JCC and tearline releasability. */
export interface RecordSharing {
  ownerOrgs: string[];
  releasability: Releasability;
  jcc: string | null;
  tearline: { releasability: Releasability } | null;
}

export interface ActivityReads {
  find(id: string): Promise<Activity | null>;
  /** Activities matching the filter, in id order (the order they were planned), starting after `afterId`. */
  query(filter: ActivityFilter, afterId: string | null, limit: number): Promise<Activity[]>;
  /**
   * The announced activities (notified to under way), presence and incidents whose indexed box and
   * time range meet the query's: a superset of the conflicts, for the domain to decide on.
   */
  candidates(q: CandidateQuery): Promise<DeconflictionCandidates>;
  /** The sharing facts of the records conflicts are with, keyed `with:recordId`; a record that is gone is absent. */
  conflictSharing(refs: ReadonlyArray<Pick<Conflict, 'with' | 'recordId'>>): Promise<Map<string, RecordSharing>>;
  /** Notified activities (or with a concern raised) with a notification unanswered and not escalated, starting by the given time: candidates for escalation. */
  awaitingAnswers(startsBefore: string, limit: number): Promise<Activity[]>;
}

export interface ActivityWrites {
  /** Writes a new activity with its change-log and audit entries. */
  insert(a: Activity, audit: { action: string; detail?: unknown }): Promise<void>;
  /** Writes a changed activity (its version already raised) with an `update` change-log entry and audit entry. */
  update(a: Activity, audit: { action: string; detail?: unknown }): Promise<void>;
}

/** The key of a conflict's record in a `conflictSharing` answer. */
export function conflictKey(c: Pick<Conflict, 'with' | 'recordId'>): string {
  return `${c.with}:${c.recordId}`;
}
