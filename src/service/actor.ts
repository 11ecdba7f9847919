import type { Role } from '../domain/roles.ts';

/** The signed-in user on whose behalf a command or query runs. */
export interface Actor {
  userId: string;
  username: string;
  org: string;
  roles: Role[];
  /** A read-scoped API token may not write, whatever the user's roles. */
  scope: 'read' | 'write';
}
