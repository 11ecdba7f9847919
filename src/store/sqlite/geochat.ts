import type { GeoChatMessage } from '../../domain/geochat.ts';
import { formatReleasability, parseReleasability } from '../../domain/releasability.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

export function insertGeoChat(tx: SqliteTx, m: GeoChatMessage): void {
  prepared(
    tx.db,
    `INSERT INTO geochat_messages (id, room, cot_uid, sender_uid, sender_callsign, sender_user, org, text, lon, lat,
       releasability, sent_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.id,
    m.room,
    m.cotUid,
    m.senderUid,
    m.senderCallsign,
    m.senderUser,
    m.org,
    m.text,
    m.lon,
    m.lat,
    formatReleasability(m.releasability),
    m.sentAt,
    m.createdAt,
  );
  tx.change(recordChange('geochat', m, 'create', { action: 'geochat.create', detail: { room: m.room } }));
}

export function recentGeoChat(db: Database, room: string, limit: number): GeoChatMessage[] {
  return prepared(db, 'SELECT * FROM geochat_messages WHERE room = ? ORDER BY created_at DESC, id DESC LIMIT ?')
    .all(room, limit)
    .map((r) => ({
      id: String(r.id),
      room: String(r.room),
      cotUid: String(r.cot_uid),
      senderUid: String(r.sender_uid),
      senderCallsign: r.sender_callsign === null ? null : String(r.sender_callsign),
      senderUser: String(r.sender_user),
      org: String(r.org),
      text: String(r.text),
      lon: Number(r.lon),
      lat: Number(r.lat),
      releasability: parseReleasability(String(r.releasability)),
      sentAt: String(r.sent_at),
      createdAt: String(r.created_at),
    }));
}
