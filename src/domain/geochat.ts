import type { Releasability } from './releasability.ts';

/** A GeoChat message from a TAK client, kept in its chat room and released by its sender's organisation. */
export interface GeoChatMessage {
  id: string;
  /** The chat room (`All Chat Rooms`, a group's or a contact's room). */
  room: string;
  /** The message's own CoT uid. */
  cotUid: string;
  /** The sending device's uid and callsign. */
  senderUid: string;
  senderCallsign: string | null;
  /** The Seam user the sending client signed in as, and their organisation (the owner). */
  senderUser: string;
  org: string;
  text: string;
  lon: number;
  lat: number;
  releasability: Releasability;
  sentAt: string;
  createdAt: string;
}

/** The longest message text kept. */
export const maxGeoChatText = 4000;
