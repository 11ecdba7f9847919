-- The gap figures of one time window, as one organisation's analysis saw them: the trend series.
CREATE TABLE gap_snapshots (
  id TEXT PRIMARY KEY,
  org TEXT NOT NULL REFERENCES organisations(code),
  window_from TEXT NOT NULL,
  window_to TEXT NOT NULL,
  min_share REAL NOT NULL,
  orgs TEXT NOT NULL,
  zone_km2 REAL NOT NULL,
  uncovered_km2 REAL NOT NULL,
  uncovered_share REAL NOT NULL,
  longest_uncovered_stretch_km REAL NOT NULL,
  corridors INTEGER NOT NULL,
  incidents_in_gaps INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  UNIQUE (org, window_from, window_to, min_share, orgs)
) STRICT;
CREATE INDEX gap_snapshots_org_window ON gap_snapshots(org, window_from);
