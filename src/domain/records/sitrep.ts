import { asLogged, defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';
import type { Sitrep } from '../sitrep.ts';

/**
 * SITREPs: owned by the originator organisation, in their JCC. A draft is read by the originator
 * only; a released report by its audience. The change log keeps the releasability the report has
 * at that version (`org` while a draft), so whatever reads the log alone never widens a draft.
 */
export const sitrepRecord = defineRecordType({
  name: 'sitrep',
  audience: 'released',
  schema: null,
  logged: (s: Sitrep) => ({
    recordId: s.id,
    ownerOrg: s.originatorOrg,
    releasability: s.state === 'draft' ? 'org' : formatReleasability(s.audience),
    jcc: s.jcc,
    data: s,
  }),
  fromLog: asLogged<Sitrep>,
});

/** The fields of a SITREP that leave the server, without its figures (lists and the live stream). */
export function sitrepWire(s: Sitrep) {
  return {
    id: s.id,
    jcc: s.jcc,
    number: s.number,
    period_from: s.periodFrom,
    period_to: s.periodTo,
    as_of: s.content.asOf,
    originator_org: s.originatorOrg,
    audience: formatReleasability(s.audience),
    state: s.state,
    assessment: s.assessment,
    intentions: s.intentions,
    corrects: s.corrects,
    corrects_number: s.correctsNumber ?? null,
    correction_note: s.correctionNote,
    next_due: s.nextDue,
    released_at: s.releasedAt,
    released_by: s.releasedBy,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    version: s.version,
  };
}

/** A SITREP with its figures, as a single read gives it. */
export function sitrepFullWire(s: Sitrep) {
  return { ...sitrepWire(s), content: s.content };
}

/** A SITREP as it leaves the server. */
export type SitrepWire = ReturnType<typeof sitrepWire>;
