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

/** The fields of a presence record that leave the server (API and live stream; the web app reads its type). */
export function presenceWire(p: Presence) {
  return {
    id: p.id,
    kind: p.kind,
    org: p.org,
    name: p.name,
    geometry: p.geometry,
    radius_km: p.kind === 'checkpoint' ? p.radiusKm : null,
    buffer_km: p.kind === 'patrol' ? p.bufferKm : null,
    schedule: p.kind === 'patrol' ? p.schedule : null,
    active_from: p.activeFrom,
    active_to: p.activeTo,
    releasability: formatReleasability(p.releasability),
    exercise: p.exercise,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** A Presence as it leaves the server. */
export type PresenceWire = ReturnType<typeof presenceWire>;
