/** A named set of organisations a record can be released to (`group:<name>`). */
export interface SharingGroup {
  name: string;
  /** The organisation whose administrators manage the group (null for site set-up). */
  ownerOrg: string | null;
  members: string[];
  createdAt: string;
  updatedAt: string;
}
