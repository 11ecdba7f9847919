import type { Presence } from '../presence.ts';
import { asLogged, defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';

/** Presence: checkpoints, patrols and unit AORs, released by their organisation; no JCC, no tearline. */
export const presenceRecord = defineRecordType({
  name: 'presence',
  audience: 'released',
  schema: null,
  logged: (p: Presence) => ({
    recordId: p.id,
    ownerOrg: p.org,
    releasability: formatReleasability(p.releasability),
    jcc: null,
    data: p,
  }),
  fromLog: asLogged<Presence>,
});
