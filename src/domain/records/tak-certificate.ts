import { asLogged, defineRecordType } from '../record-type.ts';
import type { TakCertificate } from '../tak-certificate.ts';

/** TAK client certificates: credentials of a user, kept to the user's organisation, never streamed. */
export const takCertificateRecord = defineRecordType({
  name: 'tak_certificate',
  audience: 'internal',
  schema: null,
  logged: (c: TakCertificate) => ({
    recordId: c.serial,
    ownerOrg: c.org,
    releasability: 'org',
    jcc: null,
    data: c,
  }),
  fromLog: asLogged<TakCertificate>,
});
