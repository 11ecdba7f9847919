import { AsyncLocalStorage } from 'node:async_hooks';
import type { Bus, ChangeEvent } from '../../bus/bus.ts';
import { auditHash, genesisHash } from '../audit-chain.ts';
import type { AuditInput, Tx } from '../write-path.ts';
import type { Database } from './database.ts';
import { sqliteRepositories } from './repositories.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

/**
 * The one write path on SQLite. Every change runs inside `write`: one IMMEDIATE transaction on the
 * writer connection that writes the record, its change-log entry and its audit entry together, or
 * nothing at all. The transaction's function is asynchronous, so writers queue: the next one begins
 * only when the one before has committed or rolled back, and nothing else ever runs statements on
 * the writer connection (reads outside a transaction use a connection of their own). Listeners
 * hear of a change only after it is committed.
 */
export class SqliteWritePath {
  readonly #db: Database;
  readonly #bus: Bus;
  readonly #now: () => Date;
  readonly #inside = new AsyncLocalStorage<true>();
  #queue: Promise<unknown> = Promise.resolve();

  readonly #site: string;

  constructor(db: Database, bus: Bus, site: string, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#bus = bus;
    this.#site = site;
    this.#now = now;
  }

  write<T>(actor: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.#inside.getStore()) {
      return Promise.reject(new Error('write() called inside another write(): pass the Tx down instead'));
    }
    const run = this.#queue.then(() => this.#inside.run(true, () => this.#transaction(actor, fn)));
    // The queue goes on after a failed write; the failure is the caller's to handle.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` on the writer connection outside any transaction, in turn with the writers (e.g. a checkpoint). */
  exclusive(fn: (db: Database) => void): Promise<void> {
    const run = this.#queue.then(() => fn(this.#db));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #transaction<T>(actor: string | null, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const db = this.#db;
    const events: ChangeEvent[] = [];
    db.exec('BEGIN IMMEDIATE');
    let result: T;
    try {
      const at = this.#now().toISOString();
      // The heads of the audit chain and of the change log are read once per transaction;
      // IMMEDIATE keeps other writers out, so the numbers that follow are this transaction's.
      let chainHead: ChainHead | null = null;
      let lastSeq: number | null = null;
      const site = this.#site;
      const insertChange = prepared(
        db,
        'INSERT INTO change_log (seq, origin, origin_seq, version, at, record_type, record_id, op, owner_org, releasability, jcc, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const sqliteTx: SqliteTx = {
        db,
        at,
        actor,
        change: (input) => {
          lastSeq ??= Number(
            (prepared(db, 'SELECT coalesce(max(seq), 0) AS s FROM change_log').get() as { s: number }).s,
          );
          const seq = lastSeq + 1;
          const version = versionOf(input.data);
          // Written here, so this site is its origin and its place here is its place of origin.
          insertChange.run(
            seq,
            site,
            seq,
            version,
            at,
            input.recordType,
            input.recordId,
            input.op,
            input.ownerOrg ?? null,
            input.releasability ?? null,
            input.jcc ?? null,
            actor,
            input.data === null ? null : JSON.stringify(input.data),
          );
          lastSeq = seq;
          const event: ChangeEvent = {
            seq,
            origin: site,
            originSeq: seq,
            at,
            recordType: input.recordType,
            recordId: input.recordId,
            op: input.op,
            ownerOrg: input.ownerOrg ?? null,
            releasability: input.releasability ?? null,
            jcc: input.jcc ?? null,
            actor,
            version,
            data: input.data,
          };
          events.push(event);
          if (input.audit) {
            sqliteTx.audit({
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
      const tx: Tx = {
        ...sqliteRepositories(sqliteTx),
        at,
        actor,
        change: async (input) => sqliteTx.change(input),
        audit: async (input) => sqliteTx.audit(input),
      };
      result = await fn(tx);
      db.exec('COMMIT');
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw err;
    }
    // Listeners hear of the change outside this write, so one that writes in turn (the alert engine) may.
    this.#inside.exit(() => {
      for (const e of events) this.#bus.publish(e);
    });
    return result;
  }
}

/** The version a record carries (incidents count theirs), or null for records without one. */
function versionOf(data: unknown): number | null {
  const v = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
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
