-- Support requests: one organisation asks another, or a JCC, for help. The record is kept whole in
-- `data` (JSON); the columns beside it are what lists filter and sort on, and what the overdue
-- sweep looks for, and a first cut of who could read a request (the access policy decides).
CREATE TABLE support_requests (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('urgent', 'priority', 'routine')),
  requester_org TEXT NOT NULL REFERENCES organisations(code),
  addressed_org TEXT REFERENCES organisations(code),
  addressed_jcc TEXT REFERENCES jccs(code),
  respond_by TEXT NOT NULL,
  releasability TEXT NOT NULL,
  escalated_at TEXT,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  CHECK ((addressed_org IS NULL) <> (addressed_jcc IS NULL))
) STRICT;
CREATE INDEX support_requests_respond_by ON support_requests(respond_by, id);
CREATE INDEX support_requests_waiting ON support_requests(state, respond_by) WHERE escalated_at IS NULL;
CREATE INDEX support_requests_requester ON support_requests(requester_org, created_at);
CREATE INDEX support_requests_created ON support_requests(created_at);
CREATE INDEX support_requests_addressed_org ON support_requests(addressed_org);
CREATE INDEX support_requests_addressed_jcc ON support_requests(addressed_jcc);
