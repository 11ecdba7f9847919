import { createHash, timingSafeEqual } from 'node:crypto';
import { SeamError } from '../domain/errors.ts';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteExpiredSessions,
  deleteSession,
  findApiTokenByHash,
  findSession,
  insertApiToken,
  insertLoginFailure,
  insertSession,
  retireSession,
  type TokenScope,
  touchSession,
} from '../store/credentials.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { findUserById, findUserByName, type UserWithSecret } from '../store/users.ts';
import type { Actor } from './actor.ts';
import { decoyPasswordHash, hashSecret, newSecret, verifyPassword } from './secrets.ts';

/** A session ends this long after sign-in, whatever happens. */
export const sessionHours = 12;
/** A session ends after this long unused. */
export const sessionIdleMinutes = 60;
/** A session's token is replaced this long after it was issued; the old one stays valid briefly. */
export const sessionRotateMinutes = 15;
const rotationGraceMs = 60_000;
/** Sign-in failures that lock a user name, and for how long. */
export const lockoutFailures = 5;
export const lockoutMinutes = 15;
/** Sign-in attempts an address may fail per minute. */
export const addressFailuresPerMinute = 20;

function actorOf(user: UserWithSecret, scope: TokenScope): Actor {
  return { userId: user.id, username: user.username, org: user.org, roles: user.roles, scope };
}

const badLogin = () => new SeamError('unauthenticated', 'wrong user name or password');

/** The CSRF token of a session: derived from its secret, so it needs no storage and dies with it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update('seam-csrf\n').update(sessionToken).digest('base64url');
}

/** True when the CSRF token belongs to the session (compared in constant time). */
export function csrfMatches(sessionToken: string, given: string): boolean {
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
}

/**
 * Checks a password and opens a session. Every attempt is audited. After `lockoutFailures`
 * failures a user name is locked for `lockoutMinutes`, and an address failing more than
 * `addressFailuresPerMinute` times a minute is refused, before any password is checked.
 */
export async function login(store: Store, username: string, password: string, from: string): Promise<SignedIn> {
  const now = store.now();
  const failures = countLoginFailures(
    store.db,
    username,
    new Date(now.getTime() - lockoutMinutes * 60_000).toISOString(),
    from,
    new Date(now.getTime() - 60_000).toISOString(),
  );
  if (failures.user >= lockoutFailures || failures.ip >= addressFailuresPerMinute) {
    store.writes.write(null, (tx) => {
      insertLoginFailure(tx.db, username, from, tx.at);
      tx.audit({ action: 'login.refused', recordType: 'user', detail: { username, from, failures } });
    });
    throw new SeamError(
      'rate_limited',
      failures.user >= lockoutFailures
        ? `too many failed sign-ins for this user name: try again in ${lockoutMinutes} minutes`
        : 'too many failed sign-ins from this address: try again in a minute',
    );
  }
  const user = findUserByName(store.db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !ok || user.disabled) {
    store.writes.write(user?.id ?? null, (tx) => {
      insertLoginFailure(tx.db, username, from, tx.at);
      tx.audit({ action: 'login.failure', recordType: 'user', recordId: user?.id ?? null, detail: { username, from } });
    });
    throw badLogin();
  }
  const token = newSecret('ses');
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
  store.writes.write(user.id, (tx) => {
    deleteExpiredSessions(tx.db, tx.at);
    clearLoginFailures(tx.db, username, new Date(now.getTime() - 86_400_000).toISOString());
    insertSession(tx.db, hashSecret(token), { userId: user.id, createdAt: tx.at, expiresAt, lastSeenAt: tx.at });
    tx.audit({ action: 'login.success', recordType: 'user', recordId: user.id, detail: { username, from } });
  });
  return { token, csrfToken: csrfTokenOf(token), expiresAt, actor: actorOf(user, 'write') };
}

/** Ends a session. */
export function logout(store: Store, token: string, actor: Actor): void {
  store.writes.write(actor.userId, (tx) => {
    deleteSession(tx.db, hashSecret(token));
    tx.audit({ action: 'logout', recordType: 'user', recordId: actor.userId });
  });
}

export interface SessionUse {
  actor: Actor;
  /** Set when the session's token was replaced: the client must use this one from now on. */
  rotated: { token: string; csrfToken: string; expiresAt: string } | null;
}

/**
 * The actor of a session cookie, or null when it is unknown, expired, idle too long or its user
 * disabled. Using a session keeps it alive; an old token is replaced by a new one (with the same
 * absolute expiry) and stays valid for a minute so requests already under way still pass.
 */
export function useSession(store: Store, token: string, rotate = true): SessionUse | null {
  const hash = hashSecret(token);
  const session = findSession(store.db, hash);
  const now = store.now();
  const nowIso = now.toISOString();
  if (!session || session.expiresAt <= nowIso) return null;
  const lastSeen = Date.parse(session.lastSeenAt ?? session.createdAt);
  if (now.getTime() - lastSeen > sessionIdleMinutes * 60_000) return null;
  const user = findUserById(store.db, session.userId);
  if (!user || user.disabled) return null;
  let rotated: SessionUse['rotated'] = null;
  if (rotate && now.getTime() - Date.parse(session.createdAt) > sessionRotateMinutes * 60_000) {
    const fresh = newSecret('ses');
    store.db.exec('BEGIN IMMEDIATE');
    try {
      insertSession(store.db, hashSecret(fresh), {
        userId: user.id,
        createdAt: nowIso,
        expiresAt: session.expiresAt,
        lastSeenAt: nowIso,
      });
      retireSession(store.db, hash, new Date(now.getTime() + rotationGraceMs).toISOString());
      store.db.exec('COMMIT');
    } catch (err) {
      store.db.exec('ROLLBACK');
      throw err;
    }
    rotated = { token: fresh, csrfToken: csrfTokenOf(fresh), expiresAt: session.expiresAt };
  } else if (now.getTime() - lastSeen > 60_000) {
    touchSession(store.db, hash, nowIso);
  }
  return { actor: actorOf(user, 'write'), rotated };
}

/** The actor of a session cookie without touching or rotating it (for re-checking a live stream). */
export function actorFromSession(store: Store, token: string): Actor | null {
  return useSession(store, token, false)?.actor ?? null;
}

/** The actor of a bearer API token, or null when it is unknown, revoked, expired or its user disabled. */
export function actorFromApiToken(store: Store, token: string): Actor | null {
  const row = findApiTokenByHash(store.db, hashSecret(token));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= store.now().toISOString())) return null;
  const user = findUserById(store.db, row.userId);
  return user && !user.disabled ? actorOf(user, row.scope) : null;
}

/** Creates an API token for a user and returns it: the only time the token itself is ever shown. */
export function createApiToken(
  store: Store,
  actorId: string | null,
  username: string,
  scope: TokenScope,
  days: number | null,
): { token: string; id: string; expiresAt: string | null } {
  const user = findUserByName(store.db, username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  if (user.disabled) throw new SeamError('conflict', `user "${username}" is disabled`);
  const token = newSecret('seam');
  const now = store.now();
  const expiresAt = days === null ? null : new Date(now.getTime() + days * 86400_000).toISOString();
  const id = newId();
  store.writes.write(actorId, (tx) =>
    insertApiToken(
      tx,
      { id, userId: user.id, scope, createdAt: tx.at, expiresAt, revokedAt: null },
      hashSecret(token),
      user.org,
    ),
  );
  return { token, id, expiresAt };
}
