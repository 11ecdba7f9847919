import type { Role } from './roles.ts';

/** A person who signs in; always belongs to one organisation. */
export interface User {
  id: string;
  username: string;
  org: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const minPasswordLength = 12;
export const maxPasswordLength = 1024;

/** Passwords long enough for the length rule that attackers try first. */
const commonPasswords = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiopas',
  'qwerty123456',
  'iloveyou1234',
  'administrator',
  'admin1234567',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'passw0rd1234',
  'p@ssw0rd1234',
  'abcdefghijkl',
  'abc123456789',
  '111111111111',
]);

/** Reasons a password is refused, empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < minPasswordLength) problems.push(`must be at least ${minPasswordLength} characters`);
  if (password.length > maxPasswordLength) problems.push(`must be at most ${maxPasswordLength} characters`);
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the user name');
  if (commonPasswords.has(password.toLowerCase())) problems.push('is too common');
  if (new Set(password).size < 5) problems.push('needs at least 5 different characters');
  return problems;
}
