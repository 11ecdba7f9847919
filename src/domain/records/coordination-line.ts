import type { CoordinationLine } from '../coordination-line.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** Coordination lines and their zones: site reference every user reads. */
export const coordinationLineRecord = defineRecordType({
  name: 'coordination_line',
  audience: 'site',
  schema: null,
  logged: (l: CoordinationLine) => ({ ...siteWide, recordId: l.id, data: l }),
  fromLog: asLogged<CoordinationLine>,
});
