import type { AuditEntry, AuditFilter } from '../audit-log.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    actor: (r.actor as string | null) ?? null,
    action: String(r.action),
    recordType: (r.record_type as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/** Audit entries in order, `batch` at a time after `afterSeq`. */
export function auditAfter(db: Database, afterSeq: number, batch: number): AuditEntry[] {
  return prepared(db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, batch).map(fromRow);
}

/** The newest audit entries matching the filter, newest first. */
export function queryAudit(db: Database, f: AuditFilter, limit: number): AuditEntry[] {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (f.since) {
    where.push('at >= ?');
    args.push(f.since);
  }
  if (f.actor) {
    where.push('actor = ?');
    args.push(f.actor);
  }
  if (f.action) {
    where.push('(action = ? OR action LIKE ?)');
    args.push(f.action, `${f.action}.%`);
  }
  if (f.recordId) {
    where.push('record_id = ?');
    args.push(f.recordId);
  }
  if (f.actorOrg) {
    where.push('actor IN (SELECT id FROM users WHERE org = ?)');
    args.push(f.actorOrg);
  }
  if (f.beforeSeq !== undefined) {
    where.push('seq < ?');
    args.push(f.beforeSeq);
  }
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return prepared(db, sql)
    .all(...args, limit)
    .map(fromRow);
}
