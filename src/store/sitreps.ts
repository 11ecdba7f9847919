import type { Sitrep, SitrepFormat, SitrepLanguage, SitrepState } from '../domain/sitrep.ts';

/** What a list of SITREPs can be narrowed by. */
export interface SitrepFilter {
  jcc?: string;
  state?: SitrepState;
  /**
   * Leave out drafts of other organisations: a draft is read by its originator only. A first cut
   * only: the access policy decides on the rest.
   */
  draftsOf?: string;
}

/** Position in the newest-first order of SITREPs: by creation time, then id. */
export interface SitrepCursor {
  createdAt: string;
  id: string;
}

/** The period and audience of a report, as the schedule drafts one per originator. */
export interface SitrepSlot {
  jcc: string;
  originatorOrg: string;
  audience: string;
  periodFrom: string;
  periodTo: string;
}

export interface SitrepReads {
  find(id: string): Promise<Sitrep | null>;
  /** Reports matching the filter, newest first, strictly after the cursor. */
  query(filter: SitrepFilter, after: SitrepCursor | null, limit: number): Promise<Sitrep[]>;
  /** The highest number of the JCC's series so far (0 for none). */
  lastNumber(jcc: string): Promise<number>;
  /** Whether a report of this JCC, originator, audience and period exists, drafted by the schedule or by hand. */
  slotTaken(slot: SitrepSlot): Promise<boolean>;
  /** The stored rendering of a released report, or null. */
  rendition(id: string, lang: SitrepLanguage, format: SitrepFormat): Promise<Uint8Array | null>;
}

export interface SitrepWrites {
  /** Writes a new report with its change-log and audit entries; `scheduled` marks one the schedule drafted. */
  insert(s: Sitrep, audit: { action: string; detail?: unknown }, scheduled?: boolean): Promise<void>;
  /** Writes a changed report (its version already raised) with an `update` change-log entry and audit entry. */
  update(s: Sitrep, audit: { action: string; detail?: unknown }): Promise<void>;
  /** Stores a rendering once; a second one for the same report, language and format is ignored (the first stays). */
  saveRendition(id: string, lang: SitrepLanguage, format: SitrepFormat, body: Uint8Array, at: string): Promise<void>;
}
