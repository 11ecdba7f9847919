import { createHash, timingSafeEqual } from 'node:crypto';
import { SeamError } from '../domain/errors.ts';
import type { TokenScope } from '../store/credentials.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { UserWithSecret } from '../store/users.ts';
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
 * Checks a user name and password under the sign-in rules (lockout, address limit, audit of every
 * failure) and returns the user; a disabled user is refused like a wrong password. Sign-in and
 * a TAK client's in-band credentials share it.
 */
export async function checkPassword(
  store: Store,
  username: string,
  password: string,
  from: string,
): Promise<UserWithSecret> {
  const now = store.now();
  const failures = await store.credentials.countLoginFailures(
    username,
    new Date(now.getTime() - lockoutMinutes * 60_000).toISOString(),
    from,
    new Date(now.getTime() - 60_000).toISOString(),
  );
  if (failures.user >= lockoutFailures || failures.ip >= addressFailuresPerMinute) {
    await store.write(null, async (tx) => {
      await tx.credentials.insertLoginFailure(username, from, tx.at);
      await tx.audit({ action: 'login.refused', recordType: 'user', detail: { username, from, failures } });
    });
    throw new SeamError(
      'rate_limited',
      failures.user >= lockoutFailures
        ? `too many failed sign-ins for this user name: try again in ${lockoutMinutes} minutes`
        : 'too many failed sign-ins from this address: try again in a minute',
    );
  }
  const user = await store.users.findByName(username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !ok || user.disabled) {
    await store.write(user?.id ?? null, async (tx) => {
      await tx.credentials.insertLoginFailure(username, from, tx.at);
      await tx.audit({
        action: 'login.failure',
        recordType: 'user',
        recordId: user?.id ?? null,
        detail: { username, from },
      });
    });
    throw badLogin();
  }
  return user;
}

/**
 * Checks a password and opens a session. Every attempt is audited. After `lockoutFailures`
 * failures a user name is locked for `lockoutMinutes`, and an address failing more than
 * `addressFailuresPerMinute` times a minute is refused, before any password is checked.
 */
export async function login(store: Store, username: string, password: string, from: string): Promise<SignedIn> {
  const now = store.now();
  const user = await checkPassword(store, username, password, from);
  const token = newSecret('ses');
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
  await store.write(user.id, async (tx) => {
    await tx.credentials.deleteExpiredSessions(tx.at);
    await tx.credentials.clearLoginFailures(username, new Date(now.getTime() - 86_400_000).toISOString());
    await tx.credentials.insertSession(hashSecret(token), {
      userId: user.id,
      createdAt: tx.at,
      expiresAt,
      lastSeenAt: tx.at,
    });
    await tx.audit({ action: 'login.success', recordType: 'user', recordId: user.id, detail: { username, from } });
  });
  return { token, csrfToken: csrfTokenOf(token), expiresAt, actor: actorOf(user, 'write') };
}

/** Ends a session. */
export async function logout(store: Store, token: string, actor: Actor): Promise<void> {
  await store.write(actor.userId, async (tx) => {
    await tx.credentials.deleteSession(hashSecret(token));
    await tx.audit({ action: 'logout', recordType: 'user', recordId: actor.userId });
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
export async function useSession(store: Store, token: string, rotate = true): Promise<SessionUse | null> {
  const hash = hashSecret(token);
  const session = await store.credentials.findSession(hash);
  const now = store.now();
  const nowIso = now.toISOString();
  if (!session || session.expiresAt <= nowIso) return null;
  const lastSeen = Date.parse(session.lastSeenAt ?? session.createdAt);
  if (now.getTime() - lastSeen > sessionIdleMinutes * 60_000) return null;
  const user = await store.users.findById(session.userId);
  if (!user || user.disabled) return null;
  let rotated: SessionUse['rotated'] = null;
  if (rotate && now.getTime() - Date.parse(session.createdAt) > sessionRotateMinutes * 60_000) {
    const fresh = newSecret('ses');
    await store.write(user.id, async (tx) => {
      await tx.credentials.insertSession(hashSecret(fresh), {
        userId: user.id,
        createdAt: nowIso,
        expiresAt: session.expiresAt,
        lastSeenAt: nowIso,
      });
      await tx.credentials.retireSession(hash, new Date(now.getTime() + rotationGraceMs).toISOString());
    });
    rotated = { token: fresh, csrfToken: csrfTokenOf(fresh), expiresAt: session.expiresAt };
  } else if (now.getTime() - lastSeen > 60_000) {
    await store.write(user.id, (tx) => tx.credentials.touchSession(hash, nowIso));
  }
  return { actor: actorOf(user, 'write'), rotated };
}

/** The actor of a session cookie without touching or rotating it (for re-checking a live stream). */
export async function actorFromSession(store: Store, token: string): Promise<Actor | null> {
  return (await useSession(store, token, false))?.actor ?? null;
}

/** The actor of a bearer API token, or null when it is unknown, revoked, expired or its user disabled. */
export async function actorFromApiToken(store: Store, token: string): Promise<Actor | null> {
  const row = await store.credentials.findApiTokenByHash(hashSecret(token));
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= store.now().toISOString())) return null;
  const user = await store.users.findById(row.userId);
  return user && !user.disabled ? actorOf(user, row.scope) : null;
}

/** Creates an API token for a user and returns it: the only time the token itself is ever shown. */
export async function createApiToken(
  store: Store,
  actorId: string | null,
  username: string,
  scope: TokenScope,
  days: number | null,
): Promise<{ token: string; id: string; expiresAt: string | null }> {
  const user = await store.users.findByName(username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  if (user.disabled) throw new SeamError('conflict', `user "${username}" is disabled`);
  const token = newSecret('seam');
  const now = store.now();
  const expiresAt = days === null ? null : new Date(now.getTime() + days * 86400_000).toISOString();
  const id = newId();
  await store.write(actorId, (tx) =>
    tx.credentials.insertApiToken(
      { id, userId: user.id, scope, createdAt: tx.at, expiresAt, revokedAt: null },
      hashSecret(token),
      user.org,
    ),
  );
  return { token, id, expiresAt };
}

/**
 * The actor of a TAK client's in-band credentials (user name and password), checked as a sign-in
 * is (lockout, audit), with no session: the connection is the session. A disabled user is refused.
 */
export async function actorFromPassword(
  store: Store,
  username: string,
  password: string,
  from: string,
): Promise<Actor> {
  const user = await checkPassword(store, username, password, from);
  await store.write(user.id, (tx) =>
    tx.audit({ action: 'tak.auth', recordType: 'user', recordId: user.id, detail: { username, from } }),
  );
  return actorOf(user, 'write');
}
