import { SeamError } from '../domain/errors.ts';
import { auditHash, genesisHash } from '../store/audit-chain.ts';
import type { AuditEntry, AuditFilter } from '../store/audit-log.ts';
import type { Store } from '../store/store.ts';

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
export async function verifyAuditChain(store: Store, onProgress?: (checked: number) => void): Promise<ChainCheck> {
  let prev = { seq: 0, hash: genesisHash };
  let entries = 0;
  for (;;) {
    const batch = await store.auditLog.after(prev.seq, 5000);
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
export async function listAudit(
  store: Store,
  filter: {
    since?: string;
    username?: string;
    action?: string;
    recordId?: string;
    actorOrg?: string;
    beforeSeq?: number;
  },
  limit: number,
): Promise<AuditListEntry[]> {
  const f: AuditFilter = {
    since: filter.since,
    action: filter.action,
    recordId: filter.recordId,
    actorOrg: filter.actorOrg,
    beforeSeq: filter.beforeSeq,
  };
  if (filter.username) {
    const user = await store.users.findByName(filter.username);
    // Another organisation's user is "not found" too: an administrator learns nothing of who exists elsewhere.
    if (!user || (filter.actorOrg && user.org !== filter.actorOrg)) {
      throw new SeamError('not_found', `no user "${filter.username}"`);
    }
    f.actor = user.id;
  }
  const names = new Map<string, string | null>();
  const entries = await store.auditLog.query(f, limit);
  for (const e of entries) {
    if (e.actor && !names.has(e.actor)) names.set(e.actor, (await store.users.findById(e.actor))?.username ?? null);
  }
  return entries.map((e) => ({ ...e, username: e.actor ? (names.get(e.actor) ?? null) : null }));
}
