-- SITREPs: each JCC's numbered series of situation reports, one per originator organisation,
-- audience and period. The report is kept whole in `data` (JSON, its figures included); the
-- columns beside it are what lists filter and sort on and what keeps the series and the schedule
-- from doubling up.
CREATE TABLE sitreps (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  jcc TEXT NOT NULL REFERENCES jccs(code),
  number INTEGER NOT NULL CHECK (number >= 1),
  originator_org TEXT NOT NULL REFERENCES organisations(code),
  audience TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'released')),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  -- Set only on the reports the schedule drafts: one per (jcc, originator, audience, period).
  scheduled TEXT,
  created_at TEXT NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (jcc, number)
) STRICT;
CREATE INDEX sitreps_jcc_created ON sitreps(jcc, created_at);
CREATE INDEX sitreps_created ON sitreps(created_at, id);
CREATE UNIQUE INDEX sitreps_scheduled ON sitreps(jcc, originator_org, audience, period_from, period_to)
  WHERE scheduled IS NOT NULL;

-- The renderings of released reports, written once: HTML and Markdown at release, a PDF on its
-- first request. A released report is then the same bytes whenever it is fetched again.
CREATE TABLE sitrep_renditions (
  sitrep_id TEXT NOT NULL REFERENCES sitreps(id),
  lang TEXT NOT NULL,
  format TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (sitrep_id, lang, format)
) STRICT, WITHOUT ROWID;
