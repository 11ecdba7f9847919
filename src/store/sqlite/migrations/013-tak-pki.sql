-- Client certificates issued by the site's own TAK certificate authority (never the keys: only what
-- identifies a certificate and whether it still admits its holder), and the data packages TAK
-- clients upload, kept with their owner organisation and releasability like every shared record.
CREATE TABLE tak_certificates (
  serial TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  username TEXT NOT NULL,
  org TEXT NOT NULL REFERENCES organisations(code),
  fingerprint TEXT NOT NULL UNIQUE,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT,
  -- 'cli' (seam tak cert issue / package) or 'enrolment' (signClient with the user's password).
  origin TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
) STRICT;
CREATE INDEX tak_certificates_user ON tak_certificates(user_id, issued_at);

CREATE TABLE data_packages (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  filename TEXT NOT NULL,
  name TEXT NOT NULL,
  creator_uid TEXT NOT NULL,
  size INTEGER NOT NULL,
  owner_org TEXT NOT NULL REFERENCES organisations(code),
  releasability TEXT NOT NULL,
  jcc TEXT,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  content BLOB NOT NULL
) STRICT;
-- The same bytes may be uploaded by two organisations, each under its own releasability.
CREATE UNIQUE INDEX data_packages_hash_org ON data_packages(hash, owner_org);
CREATE INDEX data_packages_uploaded ON data_packages(uploaded_at, id);
