-- Administrative boundaries (governorates, districts, sub-districts): reference data the operator loads
-- from a file (e.g. OCHA COD-AB). Seam ships none. A level is replaced whole on each import.
CREATE TABLE admin_boundaries (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  pcode TEXT NOT NULL,
  name TEXT NOT NULL,
  name_ar TEXT,
  parent_pcode TEXT,
  geometry TEXT NOT NULL,
  area_km2 REAL NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (level, pcode)
) STRICT;
CREATE VIRTUAL TABLE admin_boundaries_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
