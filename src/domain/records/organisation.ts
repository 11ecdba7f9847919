import { namesOf } from '../names.ts';
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

/** The fields of an organisation that leave the server (API and live stream; the web app reads its type). */
export function organisationWire(o: Organisation) {
  return { id: o.id, code: o.code, name: o.name, names: namesOf(o), created_at: o.createdAt };
}

/** An organisation as it leaves the server. */
export type OrganisationWire = ReturnType<typeof organisationWire>;
