// The site the CoT relay benchmark runs on, shared by its server process and its load generator:
// two organisations, a few users each (every client signs in as one of them, in turn).

export const benchOrgs = ['isf', 'peshmerga'] as const;
export const usersPerOrg = 4;
export const benchPassword = 'bench-password-123';

/** The user name of an organisation's `i`th user. */
export const benchUsername = (org: string, i: number) => `${org}-bench-${i}`;
