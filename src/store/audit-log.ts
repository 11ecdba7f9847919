/** What an audit entry says: the fields its hash covers. */
export interface AuditFields {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail: string | null;
}

export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  since?: string;
  actor?: string;
  action?: string;
  /** Only entries about this record. */
  recordId?: string;
  /** Only entries made by users of this organisation. */
  actorOrg?: string;
  /** Only entries older than this sequence number (the next page). */
  beforeSeq?: number;
}

/** The append-only, hash-chained audit log: read only; entries are written by `Tx.audit`. */
export interface AuditLogReads {
  /** Entries in order, `batch` at a time after `afterSeq`. */
  after(afterSeq: number, batch: number): Promise<AuditEntry[]>;
  /** The newest entries matching the filter, newest first. */
  query(f: AuditFilter, limit: number): Promise<AuditEntry[]>;
}
