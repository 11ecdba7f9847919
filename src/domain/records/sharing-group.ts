import { asLogged, defineRecordType, siteWide } from '../record-type.ts';
import type { SharingGroup } from '../sharing-group.ts';

/** Sharing groups: site reference every user reads (a record names one in its releasability). */
export const sharingGroupRecord = defineRecordType({
  name: 'sharing_group',
  audience: 'site',
  schema: null,
  logged: (g: SharingGroup) => ({ ...siteWide, recordId: g.name, ownerOrg: g.ownerOrg, data: g }),
  fromLog: asLogged<SharingGroup>,
});

/** The fields of a sharing group that leave the server (API and live stream; the web app reads its type). */
export function sharingGroupWire(g: SharingGroup) {
  return { name: g.name, owner_org: g.ownerOrg, members: g.members, created_at: g.createdAt, updated_at: g.updatedAt };
}

/** A SharingGroup as it leaves the server. */
export type SharingGroupWire = ReturnType<typeof sharingGroupWire>;
