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

/** Reasons a password is refused, empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < minPasswordLength) problems.push(`must be at least ${minPasswordLength} characters`);
  if (password.length > maxPasswordLength) problems.push(`must be at most ${maxPasswordLength} characters`);
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the user name');
  return problems;
}
