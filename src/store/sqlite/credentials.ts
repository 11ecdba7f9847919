import type { ApiToken, Session, TokenScope } from '../credentials.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

/** Stores a token by its hash only; the token itself is shown once and never kept. */
export function insertApiToken(tx: SqliteTx, token: ApiToken, tokenHash: string, ownerOrg: string): void {
  prepared(
    tx.db,
    'INSERT INTO api_tokens (id, user_id, token_hash, scope, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(token.id, token.userId, tokenHash, token.scope, token.createdAt, token.expiresAt, token.revokedAt);
  tx.change(
    recordChange('api_token', { token, ownerOrg }, 'create', {
      action: 'token.create',
      detail: { userId: token.userId, scope: token.scope },
    }),
  );
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

/** Sessions are credentials, not records: they are written without a change-log entry, and their logins are audited by the caller. */
export function insertSession(db: Database, tokenHash: string, s: Session): void {
  prepared(
    db,
    'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
  ).run(tokenHash, s.userId, s.createdAt, s.expiresAt, s.lastSeenAt);
}

export function findSession(db: Database, tokenHash: string): Session | null {
  const r = prepared(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash);
  return r
    ? {
        userId: String(r.user_id),
        createdAt: String(r.created_at),
        expiresAt: String(r.expires_at),
        lastSeenAt: (r.last_seen_at as string | null) ?? null,
      }
    : null;
}

export function touchSession(db: Database, tokenHash: string, at: string): void {
  prepared(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
}

/** Lets a replaced session live on only until `until`, for requests already under way. */
export function retireSession(db: Database, tokenHash: string, until: string): void {
  prepared(db, 'UPDATE sessions SET expires_at = min(expires_at, ?) WHERE token_hash = ?').run(until, tokenHash);
}

/** Failed sign-ins of a user name since a time, and from an address since another. */
export function countLoginFailures(db: Database, username: string, userSince: string, ip: string, ipSince: string) {
  const user = prepared(db, 'SELECT count(*) AS n FROM login_failures WHERE username = ? AND at > ?').get(
    username,
    userSince,
  ) as {
    n: number;
  };
  const addr = prepared(db, 'SELECT count(*) AS n FROM login_failures WHERE ip = ? AND at > ?').get(ip, ipSince) as {
    n: number;
  };
  return { user: Number(user.n), ip: Number(addr.n) };
}

export function insertLoginFailure(db: Database, username: string, ip: string, at: string): void {
  prepared(db, 'INSERT INTO login_failures (username, ip, at) VALUES (?, ?, ?)').run(username, ip, at);
}

/** Forgets a user's failures after a good sign-in, and everyone's older than `before`. */
export function clearLoginFailures(db: Database, username: string, before: string): void {
  prepared(db, 'DELETE FROM login_failures WHERE username = ? OR at < ?').run(username, before);
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
