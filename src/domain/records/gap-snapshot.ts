import type { GapSnapshot } from '../gap-snapshot.ts';
import { asLogged, defineRecordType } from '../record-type.ts';

/** An organisation's gap-analysis figures for one window: kept to that organisation, never streamed. */
export const gapSnapshotRecord = defineRecordType({
  name: 'gap_snapshot',
  audience: 'internal',
  schema: null,
  logged: (s: GapSnapshot) => ({ recordId: s.id, ownerOrg: s.org, releasability: 'org', jcc: null, data: s }),
  fromLog: asLogged<GapSnapshot>,
});
