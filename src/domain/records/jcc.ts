import type { Jcc } from '../jcc.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** Joint coordination centres: site reference every user reads. */
export const jccRecord = defineRecordType({
  name: 'jcc',
  audience: 'site',
  schema: null,
  logged: (j: Jcc) => ({ ...siteWide, recordId: j.id, jcc: j.code, data: j }),
  fromLog: asLogged<Jcc>,
});
