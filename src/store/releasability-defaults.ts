import type { Releasability } from '../domain/releasability.ts';

export interface ReleasabilityDefaultReads {
  /** The default releasability an organisation set for a record type, or null. */
  find(org: string, recordType: string): Promise<Releasability | null>;
  list(org: string): Promise<Array<{ recordType: string; releasability: string }>>;
}

export interface ReleasabilityDefaultWrites {
  /** Sets an organisation's default; it is configuration of that organisation, audited but not shared. */
  upsert(org: string, recordType: string, releasability: string): Promise<void>;
}
