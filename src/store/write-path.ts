import { createHash } from 'node:crypto';
import type { Bus, ChangeEvent } from '../bus/bus.ts';
import type { RecordType } from '../domain/records/registry.ts';
import type { AuditFields } from './audit-log.ts';
import type { Database } from './sqlite/database.ts';
import { prepared } from './sqlite/statements.ts';

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

/** The handle a write gets: the time and actor of the whole transaction, and the logs to append to. */
export interface Tx {
  readonly db: Database;
  readonly at: string;
  readonly actor: string | null;
  change(input: ChangeInput): ChangeEvent;
  audit(input: AuditInput): void;
}

export const genesisHash = '0'.repeat(64);

/** The SHA-256 an audit entry carries: over the previous entry's hash and this entry's fields. */
export function auditHash(prevHash: string, e: AuditFields): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.recordType, e.recordId, e.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * The one write path. Every change — from HTTP, the CLI, an import or a peer — runs inside
 * `write`: one IMMEDIATE transaction that writes the record, its change-log entry and its audit
 * entry together, or nothing at all. Listeners hear of a change only after it is committed.
 */
export class WritePath {
  readonly #db: Database;
  readonly #bus: Bus;
  readonly #now: () => Date;
  #inTransaction = false;

  constructor(db: Database, bus: Bus, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#bus = bus;
    this.#now = now;
  }

  write<T>(actor: string | null, fn: (tx: Tx) => T): T {
    if (this.#inTransaction) throw new Error('write() called inside another write(): pass the Tx down instead');
    const db = this.#db;
    const events: ChangeEvent[] = [];
    this.#inTransaction = true;
    db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      const at = this.#now().toISOString();
      // The head of the audit chain is read once per transaction; IMMEDIATE keeps other writers out.
      let chainHead: ChainHead | null = null;
      const insertChange = prepared(
        db,
        'INSERT INTO change_log (at, record_type, record_id, op, owner_org, releasability, jcc, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
      );
      const tx: Tx = {
        db,
        at,
        actor,
        change: (input) => {
          const row = insertChange.get(
            at,
            input.recordType,
            input.recordId,
            input.op,
            input.ownerOrg ?? null,
            input.releasability ?? null,
            input.jcc ?? null,
            actor,
            input.data === null ? null : JSON.stringify(input.data),
          ) as { seq: number };
          const event: ChangeEvent = {
            seq: Number(row.seq),
            at,
            recordType: input.recordType,
            recordId: input.recordId,
            op: input.op,
            ownerOrg: input.ownerOrg ?? null,
            releasability: input.releasability ?? null,
            jcc: input.jcc ?? null,
          };
          events.push(event);
          if (input.audit) {
            tx.audit({
              action: input.audit.action,
              recordType: input.recordType,
              recordId: input.recordId,
              detail: input.audit.detail,
            });
          }
          return event;
        },
        audit: (input) => {
          chainHead = appendAudit(db, at, actor, input, chainHead);
        },
      };
      result = fn(tx);
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    } finally {
      this.#inTransaction = false;
    }
    for (const e of events) this.#bus.publish(e);
    return result;
  }
}

interface ChainHead {
  seq: number;
  hash: string;
}

function appendAudit(
  db: Database,
  at: string,
  actor: string | null,
  input: AuditInput,
  head: ChainHead | null,
): ChainHead {
  const last = head ??
    (prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined) ?? {
      seq: 0,
      hash: genesisHash,
    };
  const entry = {
    seq: Number(last.seq) + 1,
    at,
    actor,
    action: input.action,
    recordType: input.recordType ?? null,
    recordId: input.recordId ?? null,
    detail: input.detail === undefined ? null : JSON.stringify(input.detail),
  };
  const hash = auditHash(last.hash, entry);
  prepared(
    db,
    'INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.seq, at, actor, entry.action, entry.recordType, entry.recordId, entry.detail, last.hash, hash);
  return { seq: entry.seq, hash };
}
