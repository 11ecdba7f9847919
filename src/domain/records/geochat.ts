import type { GeoChatMessage } from '../geochat.ts';
import { asLogged, defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';

/** GeoChat messages: owned by the sender's organisation, released by their releasability; no JCC, no tearline. */
export const geochatRecord = defineRecordType({
  name: 'geochat',
  audience: 'released',
  schema: null,
  logged: (m: GeoChatMessage) => ({
    recordId: m.id,
    ownerOrg: m.org,
    releasability: formatReleasability(m.releasability),
    jcc: null,
    data: m,
  }),
  fromLog: asLogged<GeoChatMessage>,
});

/** The fields of a GeoChat message that leave the server (API and live stream). */
export function geochatWire(m: GeoChatMessage) {
  return {
    id: m.id,
    room: m.room,
    sender_callsign: m.senderCallsign,
    sender_org: m.org,
    text: m.text,
    lon: m.lon,
    lat: m.lat,
    releasability: formatReleasability(m.releasability),
    sent_at: m.sentAt,
  };
}
