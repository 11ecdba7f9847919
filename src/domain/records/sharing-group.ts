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
