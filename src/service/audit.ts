import { SeamError } from '../domain/errors.ts';
import { type AuditEntry, type AuditFilter, auditAfter, queryAudit } from '../store/audit-log.ts';
import type { Database } from '../store/sqlite/database.ts';
import { findUserById, findUserByName } from '../store/users.ts';
import { auditHash, genesisHash } from '../store/write-path.ts';

export interface ChainCheck {
  entries: number;
  /** The first entry that does not fit the chain, and why; null when the whole chain holds. */
  broken: { seq: number; at: string | null; reason: string } | null;
}

/**
 * Recomputes the audit chain from the first entry: each must follow the one before without a
 * gap, carry its hash as `prev_hash`, and hash to its own `hash`. An entry edited, inserted or
 * removed behind Seam's back breaks the chain at that point.
 */
export function verifyAuditChain(db: Database, onProgress?: (checked: number) => void): ChainCheck {
  let prev = { seq: 0, hash: genesisHash };
  let entries = 0;
  for (;;) {
    const batch = auditAfter(db, prev.seq, 5000);
    for (const e of batch) {
      const broken = (reason: string): ChainCheck => ({ entries, broken: { seq: e.seq, at: e.at, reason } });
      if (e.seq !== prev.seq + 1) {
        return { entries, broken: { seq: prev.seq + 1, at: null, reason: `entry ${prev.seq + 1} is missing` } };
      }
      if (e.prevHash !== prev.hash) return broken('its prev_hash is not the hash of the entry before it');
      if (auditHash(e.prevHash, e) !== e.hash)
        return broken('its content does not match its hash (edited after it was written)');
      prev = e;
      entries++;
    }
    onProgress?.(entries);
    if (batch.length < 5000) return { entries, broken: null };
  }
}

export interface AuditListEntry extends AuditEntry {
  username: string | null;
}

/** Audit entries, newest first, optionally since a time, by one user (name) or of one action (prefix). */
export function listAudit(
  db: Database,
  filter: {
    since?: string;
    username?: string;
    action?: string;
    recordId?: string;
    actorOrg?: string;
    beforeSeq?: number;
  },
  limit: number,
): AuditListEntry[] {
  const f: AuditFilter = {
    since: filter.since,
    action: filter.action,
    recordId: filter.recordId,
    actorOrg: filter.actorOrg,
    beforeSeq: filter.beforeSeq,
  };
  if (filter.username) {
    const user = findUserByName(db, filter.username);
    // Another organisation's user is "not found" too: an administrator learns nothing of who exists elsewhere.
    if (!user || (filter.actorOrg && user.org !== filter.actorOrg)) {
      throw new SeamError('not_found', `no user "${filter.username}"`);
    }
    f.actor = user.id;
  }
  const names = new Map<string, string | null>();
  return queryAudit(db, f, limit).map((e) => {
    if (e.actor && !names.has(e.actor)) names.set(e.actor, findUserById(db, e.actor)?.username ?? null);
    return { ...e, username: e.actor ? (names.get(e.actor) ?? null) : null };
  });
}
