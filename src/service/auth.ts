import { SeamError } from '../domain/errors.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findApiTokenByHash,
  findSession,
  insertApiToken,
  insertSession,
  type TokenScope,
} from '../store/credentials.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { findUserById, findUserByName, type UserWithSecret } from '../store/users.ts';
import type { Actor } from './actor.ts';
import { decoyPasswordHash, hashSecret, newSecret, verifyPassword } from './secrets.ts';

export const sessionHours = 12;

function actorOf(user: UserWithSecret, scope: TokenScope): Actor {
  return { userId: user.id, username: user.username, org: user.org, roles: user.roles, scope };
}

const badLogin = () => new SeamError('unauthenticated', 'wrong user name or password');

/** Checks a password and opens a session; every attempt, good or bad, is audited. */
export async function login(
  store: Store,
  username: string,
  password: string,
  from: string,
): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const user = findUserByName(store.db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !ok || user.disabled) {
    store.writes.write(user?.id ?? null, (tx) =>
      tx.audit({ action: 'login.failure', recordType: 'user', recordId: user?.id ?? null, detail: { username, from } }),
    );
    throw badLogin();
  }
  const token = newSecret('ses');
  const now = store.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
  store.writes.write(user.id, (tx) => {
    deleteExpiredSessions(tx.db, tx.at);
    insertSession(tx.db, hashSecret(token), { userId: user.id, createdAt: tx.at, expiresAt });
    tx.audit({ action: 'login.success', recordType: 'user', recordId: user.id, detail: { username, from } });
  });
  return { token, expiresAt, actor: actorOf(user, 'write') };
}

/** Ends a session. */
export function logout(store: Store, token: string, actor: Actor): void {
  store.writes.write(actor.userId, (tx) => {
    deleteSession(tx.db, hashSecret(token));
    tx.audit({ action: 'logout', recordType: 'user', recordId: actor.userId });
  });
}

/** The actor of a session cookie, or null when it is unknown, expired or its user disabled. */
export function actorFromSession(store: Store, token: string): Actor | null {
  const session = findSession(store.db, hashSecret(token));
  if (!session || session.expiresAt <= store.now().toISOString()) return null;
  const user = findUserById(store.db, session.userId);
  return user && !user.disabled ? actorOf(user, 'write') : null;
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
