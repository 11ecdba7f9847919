import { invalid, SeamError } from '../domain/errors.ts';
import { isRole, type Role, requirePermission } from '../domain/roles.ts';
import { passwordProblems, type User, usernamePattern } from '../domain/user.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { type UserWithSecret, withoutSecret } from '../store/users.ts';
import type { Tx } from '../store/write-path.ts';
import type { Actor } from './actor.ts';
import { hashPassword } from './secrets.ts';

export interface NewUser {
  username: string;
  org: string;
  roles: string[];
  password: string;
}

function checkRoles(values: string[]): Role[] {
  if (values.length === 0) throw invalid('roles', 'at least one role is needed');
  const unknown = values.filter((r) => !isRole(r));
  if (unknown.length > 0) throw invalid('roles', `unknown role ${unknown.join(', ')}`);
  return [...new Set(values)] as Role[];
}

function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw invalid('password', problems.join('; '));
}

/** Admin actors may manage users of their own organisation only; `null` is the local operator at the CLI. */
function requireUserAdmin(actor: Actor | null, org: string): void {
  if (actor === null) return;
  requirePermission(actor.roles, 'user:write');
  if (actor.org !== org) throw new SeamError('forbidden', 'administrators manage the users of their own organisation');
}

/** Creates a user; the password is hashed before anything is stored. */
export async function addUser(store: Store, actor: Actor | null, input: NewUser): Promise<User> {
  if (!usernamePattern.test(input.username)) {
    throw invalid(
      'username',
      '2-64 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  }
  const roles = checkRoles(input.roles);
  checkPassword(input.password, input.username);
  requireUserAdmin(actor, input.org);
  if (!(await store.organisations.find(input.org))) throw invalid('org', `no organisation with code "${input.org}"`);
  const taken = () => new SeamError('conflict', `user "${input.username}" already exists`);
  if (await store.users.findByName(input.username)) throw taken();
  const passwordHash = await hashPassword(input.password);
  const at = store.now().toISOString();
  const user = {
    id: newId(),
    username: input.username,
    org: input.org,
    roles,
    disabled: false,
    passwordHash,
    createdAt: at,
    updatedAt: at,
  };
  await store.write(actor?.userId ?? null, async (tx) => {
    if (await tx.users.findByName(input.username)) throw taken();
    await tx.users.insert(user);
  });
  return withoutSecret(user);
}

async function mustFind(reads: Pick<Store, 'users'>, username: string): Promise<UserWithSecret> {
  const user = await reads.users.findByName(username);
  if (!user) throw new SeamError('not_found', `no user "${username}"`);
  return user;
}

/** Sets a new password and ends the user's sessions. */
export async function setPassword(
  store: Store,
  actor: Actor | null,
  username: string,
  password: string,
): Promise<void> {
  const before = await mustFind(store, username);
  requireUserAdmin(actor, before.org);
  checkPassword(password, username);
  const passwordHash = await hashPassword(password);
  await store.write(actor?.userId ?? null, async (tx) => {
    const user = await mustFind(tx, username);
    await tx.users.update({ ...user, passwordHash, updatedAt: tx.at }, 'user.password', { username });
    await tx.credentials.deleteUserSessions(user.id);
  });
}

/** Disables a user (they can no longer sign in or use tokens) and ends their sessions. */
export function disableUser(store: Store, actor: Actor | null, username: string): Promise<void> {
  return changeUser(store, actor, username, async (tx, user) => {
    if (actor && actor.userId === user.id) throw invalid('username', 'you cannot disable yourself');
    if (user.disabled) return;
    await tx.users.update({ ...user, disabled: true, updatedAt: tx.at }, 'user.disable', { username });
    await tx.credentials.deleteUserSessions(user.id);
  });
}

/** Finds the user and checks the actor may manage them inside the transaction that changes them. */
function changeUser(
  store: Store,
  actor: Actor | null,
  username: string,
  fn: (tx: Tx, user: UserWithSecret) => Promise<void>,
): Promise<void> {
  return store.write(actor?.userId ?? null, async (tx) => {
    const user = await mustFind(tx, username);
    requireUserAdmin(actor, user.org);
    await fn(tx, user);
  });
}

/** Lets a disabled user sign in again. */
export function enableUser(store: Store, actor: Actor | null, username: string): Promise<void> {
  return changeUser(store, actor, username, async (tx, user) => {
    if (!user.disabled) return;
    await tx.users.update({ ...user, disabled: false, updatedAt: tx.at }, 'user.enable', { username });
  });
}

/** Replaces a user's roles; an administrator cannot take the admin role from themself (nobody would be left to give it back). */
export function setRoles(store: Store, actor: Actor | null, username: string, values: string[]): Promise<void> {
  return changeUser(store, actor, username, async (tx, user) => {
    const roles = checkRoles(values);
    if (actor && actor.userId === user.id && !roles.includes('admin')) {
      throw invalid('roles', 'you cannot remove the admin role from yourself');
    }
    await tx.users.update({ ...user, roles, updatedAt: tx.at }, 'user.roles', { username, roles });
  });
}

/** Users, optionally of one organisation, never with their password hashes. */
export function usersOf(store: Store, org?: string): Promise<User[]> {
  return store.users.list(org);
}
