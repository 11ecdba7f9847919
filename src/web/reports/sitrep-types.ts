// A SITREP as the API presents it. The server's presenter is being written beside this panel; until its wire
// type can be imported (as a type only, like the other records'), the fields are written out here from the API's
// contract, and the report's figures are the domain's own type.
import type { SitrepContent, SitrepState } from '../../domain/sitrep.ts';

/** One SITREP as the list and the live stream give it: everything but its figures. */
export interface SitrepSummary {
  id: string;
  jcc: string;
  number: number;
  period_from: string;
  period_to: string;
  as_of: string;
  originator_org: string;
  /** A releasability: `partners`, `org`, `coalition` or `group:<code>`. */
  audience: string;
  state: SitrepState;
  assessment: string;
  intentions: string;
  corrects: string | null;
  correction_note: string | null;
  next_due: string;
  released_at: string | null;
  released_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

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
