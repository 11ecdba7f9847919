import type { AdminBoundary, AdminBoundarySummary, AdminLevel } from '../../domain/admin-boundary.ts';
import type { Areal, BBox } from '../../domain/geojson.ts';
import { siteWide } from '../../domain/record-type.ts';
import { geometryBBox } from '../../geo/projection.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

const summaryColumns = 'id, level, pcode, name, name_ar, parent_pcode, area_km2, created_at';

function summaryFromRow(r: Record<string, unknown>): AdminBoundarySummary {
  return {
    id: String(r.id),
    level: Number(r.level) as AdminLevel,
    pcode: String(r.pcode),
    name: String(r.name),
    nameAr: (r.name_ar as string | null) ?? null,
    parentPcode: (r.parent_pcode as string | null) ?? null,
    areaKm2: Number(r.area_km2),
    createdAt: String(r.created_at),
  };
}

function fromRow(r: Record<string, unknown>): AdminBoundary {
  return { ...summaryFromRow(r), geometry: JSON.parse(String(r.geometry)) as Areal };
}

/**
 * Writes a boundary and its spatial index entry. The change log gets only what identifies it (id, level,
 * pcode, name): a district's polygon can weigh megabytes, and every peer loads boundaries from the same file.
 */
export function insertBoundary(tx: SqliteTx, b: AdminBoundary): void {
  const { rid } = prepared(
    tx.db,
    `INSERT INTO admin_boundaries (id, level, pcode, name, name_ar, parent_pcode, geometry, area_km2, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`,
  ).get(
    b.id,
    b.level,
    b.pcode,
    b.name,
    b.nameAr,
    b.parentPcode,
    JSON.stringify(b.geometry),
    b.areaKm2,
    b.createdAt,
  ) as {
    rid: number;
  };
  const [west, south, east, north] = geometryBBox(b.geometry);
  prepared(
    tx.db,
    'INSERT INTO admin_boundaries_rtree (rid, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
  ).run(rid, west, east, south, north);
  tx.change(recordChange('admin_boundary', b, 'create'));
}

/** Deletes every boundary of a level (logging each deletion) and returns how many there were. */
export function deleteBoundaryLevel(tx: SqliteTx, level: AdminLevel): number {
  const rows = prepared(tx.db, 'SELECT rid, id FROM admin_boundaries WHERE level = ? ORDER BY rid').all(level) as {
    rid: number;
    id: string;
  }[];
  const deleteIndex = prepared(tx.db, 'DELETE FROM admin_boundaries_rtree WHERE rid = ?');
  const deleteRow = prepared(tx.db, 'DELETE FROM admin_boundaries WHERE rid = ?');
  for (const r of rows) {
    deleteIndex.run(r.rid);
    deleteRow.run(r.rid);
    tx.change({ ...siteWide, recordType: 'admin_boundary', recordId: r.id, op: 'delete', data: null });
  }
  return rows.length;
}

/** Boundaries without their geometry, by level then name; one level when given. */
export function listBoundarySummaries(db: Database, level?: AdminLevel): AdminBoundarySummary[] {
  const rows =
    level === undefined
      ? prepared(db, `SELECT ${summaryColumns} FROM admin_boundaries ORDER BY level, name, pcode`).all()
      : prepared(db, `SELECT ${summaryColumns} FROM admin_boundaries WHERE level = ? ORDER BY name, pcode`).all(level);
  return rows.map(summaryFromRow);
}

/** Every boundary with its geometry, in a stable order (level, then pcode). */
export function listBoundaries(db: Database): AdminBoundary[] {
  return prepared(db, 'SELECT * FROM admin_boundaries ORDER BY level, pcode').all().map(fromRow);
}

/** Every boundary of one level with its geometry, by pcode. */
export function listBoundariesOfLevel(db: Database, level: AdminLevel): AdminBoundary[] {
  return prepared(db, 'SELECT * FROM admin_boundaries WHERE level = ? ORDER BY pcode').all(level).map(fromRow);
}

/** Boundaries whose bounding box meets the box, by level then pcode. */
export function boundariesInBox(db: Database, box: BBox, level?: AdminLevel): AdminBoundary[] {
  return prepared(
    db,
    `SELECT b.* FROM admin_boundaries b WHERE b.rid IN (SELECT rid FROM admin_boundaries_rtree
       WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?) AND (? IS NULL OR b.level = ?)
     ORDER BY b.level, b.pcode`,
  )
    .all(box[0], box[2], box[1], box[3], level ?? null, level ?? null)
    .map(fromRow);
}

/** Changes whenever the set of boundaries does: their count and newest id (ids are time-ordered UUIDv7). */
export function boundaryFingerprint(db: Database): string {
  const r = prepared(db, 'SELECT count(*) AS n, max(id) AS last FROM admin_boundaries').get() as {
    n: number;
    last: string | null;
  };
  return `${r.n}:${r.last ?? ''}`;
}
