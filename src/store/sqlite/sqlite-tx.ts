import type { ChangeEvent } from '../../bus/bus.ts';
import type { AuditInput, ChangeInput } from '../write-path.ts';
import type { Database } from './database.ts';

/** The transaction handle the SQLite repositories write through: the Tx plus the connection. */
export interface SqliteTx {
  readonly db: Database;
  readonly at: string;
  readonly actor: string | null;
  change(input: ChangeInput): ChangeEvent;
  audit(input: AuditInput): void;
}
