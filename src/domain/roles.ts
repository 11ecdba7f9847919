import { SeamError } from './errors.ts';

export const roles = ['viewer', 'reporter', 'analyst', 'liaison', 'admin'] as const;
export type Role = (typeof roles)[number];

/** What a role may do; reading is open to every signed-in user (the access policy decides which records). */
export const permissions = {
  'incident:create': ['reporter', 'analyst', 'liaison', 'admin'],
  'incident:update': ['analyst', 'admin'],
  'releasability:change': ['analyst', 'admin'],
  'incident:verify': ['analyst', 'admin'],
  'sharing:manage': ['admin'],
  'presence:write': ['liaison', 'admin'],
  'activity:plan': ['liaison', 'admin'],
  'activity:respond': ['liaison', 'admin'],
  'line:write': ['admin'],
  'jcc:write': ['admin'],
  'org:write': ['admin'],
  'user:write': ['admin'],
  'alert:manage': ['analyst', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** True when any of the roles grants the permission. */
export function hasPermission(userRoles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = permissions[permission];
  return userRoles.some((r) => allowed.includes(r));
}

/** Throws `forbidden` unless one of the roles grants the permission. */
export function requirePermission(userRoles: readonly Role[], permission: Permission): void {
  if (!hasPermission(userRoles, permission)) {
    throw new SeamError('forbidden', `this action needs one of the roles: ${permissions[permission].join(', ')}`);
  }
}

/** True when the string names a role. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
