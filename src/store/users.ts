import type { User } from '../domain/user.ts';

export interface UserWithSecret extends User {
  passwordHash: string;
}

/** The user without its password hash: what the change log and everything downstream may carry. */
export function withoutSecret(u: UserWithSecret): User {
  return {
    id: u.id,
    username: u.username,
    org: u.org,
    roles: u.roles,
    disabled: u.disabled,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

export interface UserReads {
  findByName(username: string): Promise<UserWithSecret | null>;
  findById(id: string): Promise<UserWithSecret | null>;
  list(org?: string): Promise<User[]>;
}

export interface UserWrites {
  insert(u: UserWithSecret): Promise<void>;
  /** Writes changed fields of a user; `action` names what changed for the audit (never the secret). */
  update(u: UserWithSecret, action: string, detail: unknown): Promise<void>;
}
