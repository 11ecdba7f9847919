import type { Jcc } from '../jcc.ts';
import { namesOf } from '../names.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** Joint coordination centres: site reference every user reads. */
export const jccRecord = defineRecordType({
  name: 'jcc',
  audience: 'site',
  schema: null,
  logged: (j: Jcc) => ({ ...siteWide, recordId: j.id, jcc: j.code, data: j }),
  fromLog: asLogged<Jcc>,
});

/** The fields of a JCC that leave the server (API and live stream; the web app reads its type). */
export function jccWire(j: Jcc) {
  return {
    id: j.id,
    code: j.code,
    name: j.name,
    names: namesOf(j),
    members: j.members,
    aor: j.aor,
    created_at: j.createdAt,
    updated_at: j.updatedAt,
  };
}

/** A JCC as it leaves the server. */
export type JccWire = ReturnType<typeof jccWire>;
