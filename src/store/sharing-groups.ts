import type { SharingGroup } from '../domain/sharing-group.ts';

export type { SharingGroup } from '../domain/sharing-group.ts';

export interface SharingGroupReads {
  list(): Promise<SharingGroup[]>;
  find(name: string): Promise<SharingGroup | null>;
}

export interface SharingGroupWrites {
  insert(group: SharingGroup): Promise<void>;
  /** Replaces the members; `before` is what the audit records as the previous members. */
  updateMembers(group: SharingGroup, before: string[]): Promise<void>;
}
