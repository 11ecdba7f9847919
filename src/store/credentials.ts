import type { ApiToken } from '../domain/api-token.ts';

export type { ApiToken, TokenScope } from '../domain/api-token.ts';

export interface Session {
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string | null;
}

/** API tokens (by hash only), sessions and failed sign-ins. */
export interface CredentialReads {
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  findSession(tokenHash: string): Promise<Session | null>;
  /** Failed sign-ins of a user name since a time, and from an address since another. */
  countLoginFailures(
    username: string,
    userSince: string,
    ip: string,
    ipSince: string,
  ): Promise<{ user: number; ip: number }>;
}

export interface CredentialWrites {
  /** Stores a token by its hash only; the token itself is shown once and never kept. */
  insertApiToken(token: ApiToken, tokenHash: string, ownerOrg: string): Promise<void>;
  /** Sessions are credentials, not records: written without a change-log entry; the caller audits sign-ins. */
  insertSession(tokenHash: string, s: Session): Promise<void>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  /** Lets a replaced session live on only until `until`, for requests already under way. */
  retireSession(tokenHash: string, until: string): Promise<void>;
  insertLoginFailure(username: string, ip: string, at: string): Promise<void>;
  /** Forgets a user's failures after a good sign-in, and everyone's older than `before`. */
  clearLoginFailures(username: string, before: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user (on disable or password change). */
  deleteUserSessions(userId: string): Promise<void>;
  deleteExpiredSessions(nowIso: string): Promise<void>;
}
