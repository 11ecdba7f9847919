// A SITREP as the API presents it: the server's own types (imported as types only, so nothing of the server is
// bundled), never retyped here.
import type { SitrepWire } from '../../domain/records/sitrep.ts';
import type { SitrepContent } from '../../domain/sitrep.ts';

/** One SITREP as the list and the live stream give it: everything but its figures. */
export type SitrepSummary = SitrepWire;

/** One SITREP as its own read gives it: with its figures. */
export interface SitrepRecord extends SitrepSummary {
  content: SitrepContent;
}

/** A page of the list. */
export interface SitrepPage {
  items: SitrepSummary[];
  next_cursor: string | null;
}

/** The audiences a report can be drafted for from the panel. */
export const draftAudiences = ['partners', 'org', 'coalition'] as const;
export type DraftAudience = (typeof draftAudiences)[number];
