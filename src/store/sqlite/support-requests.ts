import { formatReleasability } from '../../domain/releasability.ts';
import type { SupportRequest } from '../../domain/support-request.ts';
import { recordChange } from '../record-change.ts';
import type { SupportRequestCursor, SupportRequestFilter } from '../support-requests.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function columns(r: SupportRequest): (string | null)[] {
  return [
    r.kind,
    r.state,
    r.priority,
    r.requesterOrg,
    r.addressedOrg,
    r.addressedJcc,
    r.respondBy,
    formatReleasability(r.releasability),
    r.escalatedAt,
    r.createdAt,
    JSON.stringify(r),
  ];
}

function fromRow(row: Record<string, unknown>): SupportRequest {
  return JSON.parse(String(row.data)) as SupportRequest;
}

/** Writes a new request with its change-log and audit entries. */
export function insertSupportRequest(tx: SqliteTx, r: SupportRequest): void {
  prepared(
    tx.db,
    `INSERT INTO support_requests (id, kind, state, priority, requester_org, addressed_org, addressed_jcc, respond_by,
       releasability, escalated_at, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, ...columns(r));
  tx.change(
    recordChange('support_request', r, 'create', {
      action: 'support_request.create',
      detail: { kind: r.kind, priority: r.priority, to: r.addressedOrg ?? r.addressedJcc },
    }),
  );
}

/** Writes a changed request with an `update` change-log entry and audit entry. */
export function updateSupportRequest(
  tx: SqliteTx,
  r: SupportRequest,
  audit: { action: string; detail?: unknown },
): void {
  prepared(
    tx.db,
    `UPDATE support_requests SET kind = ?, state = ?, priority = ?, requester_org = ?, addressed_org = ?,
       addressed_jcc = ?, respond_by = ?, releasability = ?, escalated_at = ?, created_at = ?, data = ? WHERE id = ?`,
  ).run(...columns(r), r.id);
  tx.change(recordChange('support_request', r, 'update', audit));
}

export function findSupportRequest(db: Database, id: string): SupportRequest | null {
  const row = prepared(db, 'SELECT data FROM support_requests WHERE id = ?').get(id);
  return row ? fromRow(row) : null;
}

// Overdue as of the query's time: still waiting for an answer and past the deadline.
const overdueSql = "(s.state IN ('requested', 'needs_information') AND s.respond_by < :as_of)";

/** Requests matching the filter, overdue first, then by deadline and id, after the cursor. */
export function querySupportRequests(
  db: Database,
  f: SupportRequestFilter,
  asOf: string,
  after: SupportRequestCursor | null,
  limit: number,
): SupportRequest[] {
  const where: string[] = [];
  const args: Record<string, string | number> = { as_of: asOf, limit };
  if (f.states && f.states.length > 0) {
    where.push(`s.state IN (${f.states.map((_, n) => `:state${n}`).join(', ')})`);
    f.states.forEach((s, n) => {
      args[`state${n}`] = s;
    });
  }
  if (f.priority) {
    where.push('s.priority = :priority');
    args.priority = f.priority;
  }
  if (f.kind) {
    where.push('s.kind = :kind');
    args.kind = f.kind;
  }
  if (f.to) {
    where.push('(s.addressed_org = :to OR s.addressed_jcc = :to)');
    args.to = f.to;
  }
  if (f.from) {
    where.push('s.requester_org = :from');
    args.from = f.from;
  }
  if (f.since) {
    where.push('s.created_at >= :since');
    args.since = f.since;
  }
  if (f.until) {
    where.push('s.created_at < :until');
    args.until = f.until;
  }
  if (f.couldRead) {
    const jccs = f.couldRead.jccs.map((_, n) => `:jcc${n}`);
    f.couldRead.jccs.forEach((j, n) => {
      args[`jcc${n}`] = j;
    });
    where.push(
      `(s.releasability <> 'org' OR s.requester_org = :reader OR s.addressed_org = :reader${jccs.length ? ` OR s.addressed_jcc IN (${jccs.join(', ')})` : ''})`,
    );
    args.reader = f.couldRead.org;
  }
  if (f.overdue !== undefined) where.push(f.overdue ? overdueSql : `NOT ${overdueSql}`);
  if (after) {
    where.push(
      `(${overdueSql} < :c_od OR (${overdueSql} = :c_od AND (s.respond_by > :c_rb OR (s.respond_by = :c_rb AND s.id > :c_id))))`,
    );
    args.c_od = after.overdue ? 1 : 0;
    args.c_rb = after.respondBy;
    args.c_id = after.id;
  }
  const sql = `SELECT s.data FROM support_requests s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${overdueSql} DESC, s.respond_by, s.id LIMIT :limit`;
  return prepared(db, sql).all(args).map(fromRow);
}

/** Requests waiting for an answer past their deadline and not yet escalated. */
export function supportRequestsDueForEscalation(db: Database, asOf: string, limit: number): SupportRequest[] {
  return prepared(
    db,
    `SELECT data FROM support_requests WHERE state IN ('requested', 'needs_information') AND respond_by < ?
       AND escalated_at IS NULL ORDER BY respond_by, id LIMIT ?`,
  )
    .all(asOf, limit)
    .map(fromRow);
}
