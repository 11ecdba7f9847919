import { asLogged, defineRecordType } from '../record-type.ts';
import type { User } from '../user.ts';

/** Users: kept to their organisation in the log and never streamed; the record handed over carries no secret. */
export const userRecord = defineRecordType({
  name: 'user',
  audience: 'internal',
  schema: null,
  logged: (u: User) => ({ recordId: u.id, ownerOrg: u.org, releasability: 'org', jcc: null, data: u }),
  fromLog: asLogged<User>,
});
