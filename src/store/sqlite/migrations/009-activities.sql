-- Planned activities. The record is kept whole as JSON (`data`); the columns beside it are what
-- lists filter on. `end_at` is the end of the last occurrence of a recurring activity.
CREATE TABLE activities (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner_org TEXT NOT NULL REFERENCES organisations(code),
  owner_orgs TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'notified', 'acknowledged', 'conflict_raised', 'under_way', 'done', 'cancelled')),
  start TEXT NOT NULL,
  end_at TEXT NOT NULL,
  jcc TEXT REFERENCES jccs(code),
  releasability TEXT NOT NULL,
  data TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX activities_state_start ON activities(state, start);
-- Deconfliction's prefilter: the area's box grown by its radius or buffer, and the hours (since
-- 1970) from the first start to the last end, so one search narrows by place and time at once.
CREATE VIRTUAL TABLE activities_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_h, max_h);
