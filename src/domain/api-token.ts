export type TokenScope = 'read' | 'write';

/** A token a user signs API requests with; only its hash is stored. */
export interface ApiToken {
  id: string;
  userId: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}
