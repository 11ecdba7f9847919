-- Verification review and confirmed duplicates.
ALTER TABLE incidents ADD COLUMN reviewed_by TEXT;
ALTER TABLE incidents ADD COLUMN reviewed_at TEXT;
ALTER TABLE incidents ADD COLUMN review_reason TEXT;
ALTER TABLE incidents ADD COLUMN duplicate_of TEXT;

-- Enrichment at ingest: recomputed when boundaries, the line, AORs or presence change.
ALTER TABLE incidents ADD COLUMN governorate TEXT;
ALTER TABLE incidents ADD COLUMN governorate_pcode TEXT;
ALTER TABLE incidents ADD COLUMN district TEXT;
ALTER TABLE incidents ADD COLUMN district_pcode TEXT;
ALTER TABLE incidents ADD COLUMN line_side TEXT;
ALTER TABLE incidents ADD COLUMN line_distance_km REAL;
ALTER TABLE incidents ADD COLUMN in_zone INTEGER;
ALTER TABLE incidents ADD COLUMN in_gap INTEGER;
ALTER TABLE incidents ADD COLUMN nearest_checkpoints TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN h3 TEXT;
ALTER TABLE incidents ADD COLUMN suspected_duplicate_of TEXT;

-- Casualty totals (forces and civilians), for filtering without unpacking the JSON.
ALTER TABLE incidents ADD COLUMN killed_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN casualties_total INTEGER NOT NULL DEFAULT 0;

CREATE INDEX incidents_governorate_time ON incidents(governorate_pcode, time);
CREATE INDEX incidents_district_time ON incidents(district_pcode, time);
CREATE INDEX incidents_h3 ON incidents(h3);
-- Rows with a tearline, for the wider tearline branch of list queries.
CREATE INDEX incidents_tearline_type_time ON incidents(type, time) WHERE tearline IS NOT NULL;
CREATE INDEX incidents_tearline_time ON incidents(time) WHERE tearline IS NOT NULL;
CREATE INDEX incidents_source_id ON incidents(source, source_id);

-- Full-text search over the narrative and the place names.
CREATE VIRTUAL TABLE incidents_fts USING fts5(
  narrative, place, governorate, district,
  content = 'incidents', content_rowid = 'rid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO incidents_fts (rowid, narrative, place, governorate, district)
  VALUES (new.rid, new.narrative, new.place, new.governorate, new.district);
END;
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
  INSERT INTO incidents_fts (incidents_fts, rowid, narrative, place, governorate, district)
  VALUES ('delete', old.rid, old.narrative, old.place, old.governorate, old.district);
END;
CREATE TRIGGER incidents_fts_update AFTER UPDATE OF narrative, place, governorate, district ON incidents BEGIN
  INSERT INTO incidents_fts (incidents_fts, rowid, narrative, place, governorate, district)
  VALUES ('delete', old.rid, old.narrative, old.place, old.governorate, old.district);
  INSERT INTO incidents_fts (rowid, narrative, place, governorate, district)
  VALUES (new.rid, new.narrative, new.place, new.governorate, new.district);
END;
INSERT INTO incidents_fts (incidents_fts) VALUES ('rebuild');
