import { isRole, type Role } from '../../domain/roles.ts';
import type { User } from '../../domain/user.ts';
import { recordChange } from '../record-change.ts';
import { type UserWithSecret, withoutSecret } from '../users.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): UserWithSecret {
  const roles = (JSON.parse(String(r.roles)) as string[]).filter(isRole) as Role[];
  return {
    id: String(r.id),
    username: String(r.username),
    org: String(r.org),
    roles,
    disabled: r.disabled === 1,
    passwordHash: String(r.password_hash),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function insertUser(tx: SqliteTx, u: UserWithSecret): void {
  prepared(
    tx.db,
    'INSERT INTO users (id, username, org, roles, password_hash, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(u.id, u.username, u.org, JSON.stringify(u.roles), u.passwordHash, u.disabled ? 1 : 0, u.createdAt, u.updatedAt);
  tx.change(
    recordChange('user', withoutSecret(u), 'create', {
      action: 'user.create',
      detail: { username: u.username, org: u.org, roles: u.roles },
    }),
  );
}

/** Writes changed fields of a user; `action` names what changed for the audit (never the secret). */
export function updateUser(tx: SqliteTx, u: UserWithSecret, action: string, detail: unknown): void {
  prepared(tx.db, 'UPDATE users SET roles = ?, password_hash = ?, disabled = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(u.roles),
    u.passwordHash,
    u.disabled ? 1 : 0,
    u.updatedAt,
    u.id,
  );
  tx.change(recordChange('user', withoutSecret(u), 'update', { action, detail }));
}

export function findUserByName(db: Database, username: string): UserWithSecret | null {
  const r = prepared(db, 'SELECT * FROM users WHERE username = ?').get(username);
  return r ? fromRow(r) : null;
}

export function findUserById(db: Database, id: string): UserWithSecret | null {
  const r = prepared(db, 'SELECT * FROM users WHERE id = ?').get(id);
  return r ? fromRow(r) : null;
}

export function listUsers(db: Database, org?: string): User[] {
  const rows = org
    ? prepared(db, 'SELECT * FROM users WHERE org = ? ORDER BY username').all(org)
    : prepared(db, 'SELECT * FROM users ORDER BY org, username').all();
  return rows.map((r) => withoutSecret(fromRow(r)));
}
