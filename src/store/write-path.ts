import type { ChangeEvent } from '../bus/bus.ts';
import type { RecordType } from '../domain/records/registry.ts';
import type { Repositories } from './repositories.ts';

/** The record types, as `domain/records/registry.ts` registers them. */
export type { RecordType } from '../domain/records/registry.ts';

export interface ChangeInput {
  recordType: RecordType;
  recordId: string;
  op: ChangeEvent['op'];
  ownerOrg?: string | null;
  releasability?: string | null;
  jcc?: string | null;
  /** The record after the change (null when deleted), kept in the change log for streams and peers. */
  data: unknown;
  /** What the audit entry says; omit only for changes with nothing to audit beyond the change log. */
  audit?: { action: string; detail?: unknown };
}

export interface AuditInput {
  action: string;
  recordType?: string | null;
  recordId?: string | null;
  detail?: unknown;
}

/**
 * The handle a write gets: the time and actor of the whole transaction, the logs to append to,
 * and every repository, reading and writing inside the transaction.
 */
export interface Tx extends Repositories {
  readonly at: string;
  readonly actor: string | null;
  change(input: ChangeInput): Promise<ChangeEvent>;
  audit(input: AuditInput): Promise<void>;
}
