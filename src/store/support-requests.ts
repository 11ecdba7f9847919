import type {
  SupportRequest,
  SupportRequestKind,
  SupportRequestPriority,
  SupportRequestState,
} from '../domain/support-request.ts';

/** What a list of support requests can be narrowed by. */
export interface SupportRequestFilter {
  states?: SupportRequestState[];
  priority?: SupportRequestPriority;
  kind?: SupportRequestKind;
  /** Addressed to this organisation or JCC (by code). */
  to?: string;
  /** Asked by this organisation. */
  from?: string;
  /** Created at or after / before. */
  since?: string;
  until?: string;
  /** Only overdue requests (true) or only those that are not (false), as of the query's time. */
  overdue?: boolean;
  /**
   * Leave out rows this organisation could not read whatever the access policy says: shared with
   * no one beyond the requester (releasability `org`), and neither asked by it, nor addressed to
   * it or to a JCC it is a member of (`jccs`). A first cut only: the access policy decides on the rest.
   */
  couldRead?: { org: string; jccs: string[] };
}

/** Position in the order of a list: overdue first, then by response deadline, then id. */
export interface SupportRequestCursor {
  overdue: boolean;
  respondBy: string;
  id: string;
}

export interface SupportRequestReads {
  find(id: string): Promise<SupportRequest | null>;
  /**
   * Requests matching the filter, overdue ones (as of `asOf`) first, then by response deadline
   * and id, after the cursor.
   */
  query(
    filter: SupportRequestFilter,
    asOf: string,
    after: SupportRequestCursor | null,
    limit: number,
  ): Promise<SupportRequest[]>;
  /** Requests still waiting for an answer past their deadline at `asOf` and not yet escalated, oldest deadline first. */
  dueForEscalation(asOf: string, limit: number): Promise<SupportRequest[]>;
}

export interface SupportRequestWrites {
  /** Writes a new request with its change-log and audit entries. */
  insert(r: SupportRequest): Promise<void>;
  /** Writes a changed request (its version already raised) with an `update` change-log entry and audit entry. */
  update(r: SupportRequest, audit: { action: string; detail?: unknown }): Promise<void>;
}
