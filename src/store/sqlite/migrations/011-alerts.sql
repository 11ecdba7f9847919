-- Alert rules of an organisation, the alerts they raise, each user's read marks, and the cursor of
-- the alert engine: the last change-log entry it evaluated, moved in the transaction that writes
-- the alerts of the entries up to it, so no alert is lost or written twice across a restart.
CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organisations(code),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  radius_km REAL,
  presence_kinds TEXT NOT NULL,
  incident_types TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX alert_rules_org ON alert_rules(org, id);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  recipient_org TEXT NOT NULL REFERENCES organisations(code),
  rule_id TEXT NOT NULL,
  rule_name TEXT NOT NULL,
  rule_kind TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  -- '' where a rule alerts once per record; the kind and change sequence where each change may.
  occurrence TEXT NOT NULL,
  match TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (rule_id, subject_type, subject_id, occurrence)
) STRICT;
CREATE INDEX alerts_recipient ON alerts(recipient_org, id);

CREATE TABLE alert_reads (
  user_id TEXT NOT NULL,
  alert_id TEXT NOT NULL REFERENCES alerts(id),
  read_at TEXT NOT NULL,
  PRIMARY KEY (user_id, alert_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE alert_engine (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL
) STRICT;
INSERT INTO alert_engine (id, seq) VALUES (1, 0);
