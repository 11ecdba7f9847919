export interface SharingGroup {
  name: string;
  /** The organisation whose administrators manage the group (null for site set-up). */
  ownerOrg: string | null;
  members: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SharingGroupReads {
  list(): Promise<SharingGroup[]>;
  find(name: string): Promise<SharingGroup | null>;
}

export interface SharingGroupWrites {
  insert(group: SharingGroup): Promise<void>;
  /** Replaces the members; `before` is what the audit records as the previous members. */
  updateMembers(group: SharingGroup, before: string[]): Promise<void>;
}
