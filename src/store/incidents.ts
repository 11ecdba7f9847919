import type { BBox } from '../domain/geojson.ts';
import type { Incident } from '../domain/incident.ts';
import type { Releasability } from '../domain/releasability.ts';

/** What a list, search, count or export of incidents can be narrowed by. */
export interface IncidentFilter {
  since?: string;
  until?: string;
  types?: string[];
  jcc?: string;
  ownerOrg?: string;
  source?: string;
  verification?: string;
  bbox?: BBox;
  /** Full-text search over narrative and place names: every word must appear. */
  q?: string;
  /** A governorate or district by place code or name. */
  governorate?: string;
  district?: string;
  inGap?: boolean;
  inZone?: boolean;
  /** Admiralty codes (`B2`) or reliabilities (`B`), any of which matches. */
  grading?: string[];
  minKilled?: number;
  minCasualties?: number;
}

/** Position in the newest-first order of incidents: by time, then id. */
export interface IncidentCursor {
  time: string;
  id: string;
}

/** What a map point needs of an incident, and what the access policy reads to decide on it. */
export interface IncidentPointRow {
  id: string;
  lon: number;
  lat: number;
  type: string;
  time: string;
  /** Killed, wounded and abducted, all parties together. */
  casualties: number;
  ownerOrg: string;
  releasability: string;
  jcc: string | null;
  /** The tearline's releasability, or null without a tearline: never its summary. */
  tearlineReleasability: string | null;
}

/** Who may see an incident: its owner, releasability, JCC and tearline releasability. */
export interface IncidentSharing {
  ownerOrg: string;
  releasability: Releasability;
  jcc: string | null;
  tearline: { releasability: Releasability } | null;
}

export interface IncidentReads {
  find(id: string): Promise<Incident | null>;
  /** Who may see an incident; null for no such incident. */
  sharing(id: string): Promise<IncidentSharing | null>;
  count(): Promise<number>;
  /** Whether an incident from this source with this source id is already stored (imports are idempotent). */
  existsFromSource(source: string, sourceId: string): Promise<boolean>;
  /** The id of the incident from this source with this source id (a TAK report's CoT uid), or null. */
  idFromSource(source: string, sourceId: string): Promise<string | null>;
  /**
   * Incidents of a type within a time range and bounding box that were stored before the given one
   * (ids are UUIDv7, so they sort by when they were made): candidates for being what it duplicates.
   */
  near(q: {
    type: string;
    from: string;
    to: string;
    bbox: BBox;
    before: string;
  }): Promise<Array<{ id: string; lon: number; lat: number; time: string }>>;
  /**
   * Incidents matching the filter, newest first, strictly after the cursor; with `tearlines`, also
   * incidents that have a tearline and match that (wider) filter.
   */
  query(
    filter: IncidentFilter,
    after: IncidentCursor | null,
    limit: number,
    tearlines?: IncidentFilter,
  ): Promise<Incident[]>;
  /**
   * The point columns of the incidents a read could show, newest first (the same narrowing as
   * `query`), handed to `visit` one by one until it returns false: a caller that has enough stops the scan.
   */
  scanPoints(
    filter: IncidentFilter,
    tearlines: IncidentFilter | undefined,
    visit: (row: IncidentPointRow) => boolean,
  ): Promise<void>;
}

export interface IncidentWrites {
  /** Writes a new incident with its change-log and audit entries. */
  insert(i: Incident): Promise<void>;
  /** Writes a changed incident (its version already raised) with an `update` change-log entry and audit entry. */
  update(i: Incident, audit: { action: string; detail?: unknown }): Promise<void>;
}
