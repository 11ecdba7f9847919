-- GeoChat messages from TAK clients, kept per chat room and released like every shared record:
-- the sender's organisation owns a message, its releasability says who else may read it.
-- (Incidents reported from TAK keep their CoT uid as source id: source 'tak', source_id = uid.)
CREATE TABLE geochat_messages (
  id TEXT PRIMARY KEY,
  room TEXT NOT NULL,
  cot_uid TEXT NOT NULL,
  sender_uid TEXT NOT NULL,
  sender_callsign TEXT,
  sender_user TEXT NOT NULL,
  org TEXT NOT NULL REFERENCES organisations(code),
  text TEXT NOT NULL,
  lon REAL NOT NULL,
  lat REAL NOT NULL,
  releasability TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX geochat_room ON geochat_messages(room, created_at);
