-- Organisations, people and access
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  org TEXT NOT NULL REFERENCES organisations(code),
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sharing_groups (
  name TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE sharing_group_members (
  group_name TEXT NOT NULL REFERENCES sharing_groups(name),
  org TEXT NOT NULL REFERENCES organisations(code),
  PRIMARY KEY (group_name, org)
) STRICT;

-- The coordination line, centres and presence
CREATE TABLE coordination_lines (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  line TEXT NOT NULL,
  zone_km REAL,
  zone TEXT NOT NULL,
  left_org TEXT NOT NULL REFERENCES organisations(code),
  right_org TEXT NOT NULL REFERENCES organisations(code),
  exercise INTEGER NOT NULL CHECK (exercise IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE jccs (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  aor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE jcc_members (
  jcc TEXT NOT NULL REFERENCES jccs(code),
  org TEXT NOT NULL REFERENCES organisations(code),
  PRIMARY KEY (jcc, org)
) STRICT;

CREATE TABLE presence (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('checkpoint', 'patrol', 'unit_aor')),
  org TEXT NOT NULL REFERENCES organisations(code),
  name TEXT NOT NULL,
  geometry TEXT NOT NULL,
  radius_km REAL,
  buffer_km REAL,
  schedule TEXT,
  active_from TEXT NOT NULL,
  active_to TEXT,
  releasability TEXT NOT NULL,
  exercise INTEGER NOT NULL CHECK (exercise IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE VIRTUAL TABLE presence_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat);

-- Incidents
CREATE TABLE incidents (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  time TEXT NOT NULL,
  time_precision TEXT NOT NULL,
  lon REAL NOT NULL,
  lat REAL NOT NULL,
  location_precision TEXT NOT NULL,
  place TEXT,
  narrative TEXT NOT NULL,
  casualties TEXT NOT NULL,
  grading TEXT,
  releasability TEXT NOT NULL,
  verification TEXT NOT NULL,
  owner_org TEXT NOT NULL REFERENCES organisations(code),
  reporter_id TEXT REFERENCES users(id),
  jcc TEXT REFERENCES jccs(code),
  source TEXT NOT NULL,
  source_id TEXT,
  exercise INTEGER NOT NULL CHECK (exercise IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (source, source_id)
) STRICT;
CREATE INDEX incidents_time ON incidents(time, id);
CREATE INDEX incidents_type_time ON incidents(type, time);
CREATE INDEX incidents_jcc_time ON incidents(jcc, time);
CREATE VIRTUAL TABLE incidents_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat);

-- The append-only logs
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
  owner_org TEXT,
  releasability TEXT,
  jcc TEXT,
  actor TEXT,
  data TEXT
) STRICT;
CREATE INDEX change_log_record ON change_log(record_type, record_id);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT,
  action TEXT NOT NULL,
  record_type TEXT,
  record_id TEXT,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER change_log_append_only_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_append_only_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
