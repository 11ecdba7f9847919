import type { Organisation } from '../organisation.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** Organisations: site reference every user reads. */
export const organisationRecord = defineRecordType({
  name: 'organisation',
  audience: 'site',
  schema: null,
  logged: (o: Organisation) => ({ ...siteWide, recordId: o.id, ownerOrg: o.code, data: o }),
  fromLog: asLogged<Organisation>,
});
