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

/** The fields of a coordination line and its zone that leave the server (API and live stream; the web app reads its type). */
export function coordinationLineWire(l: CoordinationLine) {
  return {
    id: l.id,
    name: l.name,
    line: l.line,
    zone_km: l.zoneKm,
    zone: l.zone,
    left_org: l.leftOrg,
    right_org: l.rightOrg,
    exercise: l.exercise,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  };
}

/** A CoordinationLine as it leaves the server. */
export type CoordinationLineWire = ReturnType<typeof coordinationLineWire>;
