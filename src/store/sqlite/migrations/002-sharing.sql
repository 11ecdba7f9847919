-- Tearlines: a sanitised summary of an incident with its own, wider releasability ({"releasability", "summary"}).
ALTER TABLE incidents ADD COLUMN tearline TEXT;

-- Default releasability per organisation and record type.
CREATE TABLE releasability_defaults (
  org TEXT NOT NULL REFERENCES organisations(code),
  record_type TEXT NOT NULL,
  releasability TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org, record_type)
) STRICT;

-- Sharing groups are owned by the organisation whose administrator created them.
ALTER TABLE sharing_groups ADD COLUMN owner_org TEXT REFERENCES organisations(code);
ALTER TABLE sharing_groups ADD COLUMN updated_at TEXT;

-- Failed sign-ins, for rate limiting and lockout.
CREATE TABLE login_failures (
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

-- Sessions: when a session was last used, for idle expiry.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
