-- Names in the languages of the interface: English is the name every record already has; Arabic and
-- Central Kurdish (Sorani) are optional, and a reader without one sees the English name.
ALTER TABLE organisations ADD COLUMN name_ar TEXT;
ALTER TABLE organisations ADD COLUMN name_ckb TEXT;
ALTER TABLE jccs ADD COLUMN name_ar TEXT;
ALTER TABLE jccs ADD COLUMN name_ckb TEXT;

-- The gazetteer of populated places the map names: reference data the operator loads from a file.
-- Seam ships none. The set is replaced whole on each import.
CREATE TABLE places (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_ar TEXT,
  name_ckb TEXT,
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  population INTEGER CHECK (population >= 0),
  rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 4),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX places_rank ON places(rank, name);
