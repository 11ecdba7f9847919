/**
 * What every record type registers about itself, once (`domain/records/`): its name, who may read
 * it and so which access function applies, the schema a new record is checked with, and its
 * change-log shape. Pure: the store, the access policy and the server each look a type up here
 * rather than listing record types of their own.
 */
import type { z } from 'zod';

/**
 * Who may read records of a type, and so which access function applies:
 * - `released`: shared by its owner, releasability, JCC (and tearline); the access policy decides
 *   per reader through the type's own `see…` function in `src/access`;
 * - `site`: site reference (organisations, centres, lines, sharing groups) every signed-in user reads;
 * - `internal`: site configuration and credentials, never sent to a reader by the live stream.
 */
export type RecordAudience = 'released' | 'site' | 'internal';

/** The sharing facts of a record as the change log keeps them beside it (releasability in its text form). */
export interface SharingFacts {
  ownerOrg: string | null;
  releasability: string;
  jcc: string | null;
}

/** A change-log entry of a record, but its operation and audit: which record, its sharing facts, the data kept. */
export interface LoggedRecord extends SharingFacts {
  recordId: string;
  /** The record as the change log keeps it for streams, history and peers. */
  data: unknown;
}

/**
 * One record type. `R` is the record a write hands over, `L` the record as its change-log entry
 * keeps it and a reader of the log gets it back.
 */
export interface RecordTypeDescriptor<
  Name extends string = string,
  R = unknown,
  L = unknown,
  A extends RecordAudience = RecordAudience,
> {
  readonly name: Name;
  readonly audience: A;
  /** The schema a new record of this type is checked with where it can be created from outside; null where only the site itself makes them. */
  readonly schema: z.ZodType | null;
  /** The change-log entry of a record: its id, sharing facts and the data kept (never a secret). */
  logged(record: R): LoggedRecord;
  /** The record from the data of one of its change-log entries, however old. */
  fromLog(data: unknown): L;
}

/** The sharing facts of site-wide records: every organisation of the coalition may read them. */
export const siteWide: SharingFacts = { ownerOrg: null, releasability: 'coalition', jcc: null };

/** A record type's descriptor, with its types kept for the registry. */
export function defineRecordType<const Name extends string, R, L, const A extends RecordAudience>(
  d: RecordTypeDescriptor<Name, R, L, A>,
): RecordTypeDescriptor<Name, R, L, A> {
  return d;
}

/** For record types whose log entries keep the record just as it was written. */
export function asLogged<L>(data: unknown): L {
  return data as L;
}
