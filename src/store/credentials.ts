import type { Database } from './sqlite/database.ts';
import { prepared } from './sqlite/statements.ts';
import type { Tx } from './write-path.ts';

export type TokenScope = 'read' | 'write';

export interface ApiToken {
  id: string;
  userId: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Stores a token by its hash only; the token itself is shown once and never kept. */
export function insertApiToken(tx: Tx, token: ApiToken, tokenHash: string, ownerOrg: string): void {
  prepared(
    tx.db,
    'INSERT INTO api_tokens (id, user_id, token_hash, scope, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(token.id, token.userId, tokenHash, token.scope, token.createdAt, token.expiresAt, token.revokedAt);
  tx.change({
    recordType: 'api_token',
    recordId: token.id,
    op: 'create',
    ownerOrg,
    releasability: 'org',
    data: token,
    audit: { action: 'token.create', detail: { userId: token.userId, scope: token.scope } },
  });
}

export function findApiTokenByHash(db: Database, tokenHash: string): ApiToken | null {
  const r = prepared(db, 'SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash);
  if (!r) return null;
  return {
    id: String(r.id),
    userId: String(r.user_id),
    scope: r.scope as TokenScope,
    createdAt: String(r.created_at),
    expiresAt: (r.expires_at as string | null) ?? null,
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}

export interface Session {
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** Sessions are credentials, not records: they are written without a change-log entry, and their logins are audited by the caller. */
export function insertSession(db: Database, tokenHash: string, s: Session): void {
  prepared(db, 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    tokenHash,
    s.userId,
    s.createdAt,
    s.expiresAt,
  );
}

export function findSession(db: Database, tokenHash: string): Session | null {
  const r = prepared(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash);
  return r ? { userId: String(r.user_id), createdAt: String(r.created_at), expiresAt: String(r.expires_at) } : null;
}

export function deleteSession(db: Database, tokenHash: string): void {
  prepared(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

/** Ends every session of a user (on disable or password change). */
export function deleteUserSessions(db: Database, userId: string): void {
  prepared(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId);
}

export function deleteExpiredSessions(db: Database, nowIso: string): void {
  prepared(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(nowIso);
}
