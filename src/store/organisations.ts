import type { Organisation } from '../domain/organisation.ts';

export interface OrganisationReads {
  list(): Promise<Organisation[]>;
  find(code: string): Promise<Organisation | null>;
}

export interface OrganisationWrites {
  /** Writes a new organisation with its change-log and audit entries. */
  insert(org: Organisation): Promise<void>;
}

/** Who belongs to what: the facts the access policy decides on. */
export interface Memberships {
  organisations: string[];
  jccs: string[];
  jccMembers: Array<{ jcc: string; org: string }>;
  groupMembers: Array<{ group: string; org: string }>;
}

export interface MembershipReads {
  load(): Promise<Memberships>;
}
