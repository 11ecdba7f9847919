import { SeamError } from '../domain/errors.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

/**
 * The actor of a named user, for the local operator acting on that user's behalf (the CLI). The
 * operator already holds the database file, so no password is asked; the access policy and the
 * user's roles still decide what the commands may read and write, and the change log and audit
 * name the user.
 */
export async function actorForUser(store: Store, username: string): Promise<Actor> {
  const user = await store.users.findByName(username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  if (user.disabled) throw new SeamError('forbidden', `user "${username}" is disabled`);
  return { userId: user.id, username: user.username, org: user.org, roles: user.roles, scope: 'write' };
}
