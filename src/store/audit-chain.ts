import { createHash } from 'node:crypto';
import type { AuditFields } from './audit-log.ts';

export const genesisHash = '0'.repeat(64);

/** The SHA-256 an audit entry carries: over the previous entry's hash and this entry's fields. */
export function auditHash(prevHash: string, e: AuditFields): string {
  const body = JSON.stringify([e.seq, e.at, e.actor, e.action, e.recordType, e.recordId, e.detail]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
