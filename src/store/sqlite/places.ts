import type { Place, PlaceRank } from '../../domain/place.ts';
import { siteWide } from '../../domain/record-type.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): Place {
  return {
    id: String(r.id),
    name: String(r.name),
    nameAr: (r.name_ar as string | null) ?? null,
    nameCkb: (r.name_ckb as string | null) ?? null,
    lon: Number(r.lon),
    lat: Number(r.lat),
    population: r.population === null ? null : Number(r.population),
    rank: Number(r.rank) as PlaceRank,
    createdAt: String(r.created_at),
  };
}

/** Writes a place with its change-log entry (the import's one audit entry covers the whole set). */
export function insertPlace(tx: SqliteTx, p: Place): void {
  prepared(
    tx.db,
    `INSERT INTO places (id, name, name_ar, name_ckb, lon, lat, population, rank, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.id, p.name, p.nameAr, p.nameCkb, p.lon, p.lat, p.population, p.rank, p.createdAt);
  tx.change(recordChange('place', p, 'create'));
}

/** Deletes every place (logging each deletion) and returns how many there were. */
export function deleteAllPlaces(tx: SqliteTx): number {
  const ids = prepared(tx.db, 'SELECT id FROM places ORDER BY id')
    .all()
    .map((r) => String(r.id));
  const remove = prepared(tx.db, 'DELETE FROM places WHERE id = ?');
  for (const id of ids) {
    remove.run(id);
    tx.change({ ...siteWide, recordType: 'place', recordId: id, op: 'delete', data: null });
  }
  return ids.length;
}

/** Every place, most prominent first, then by name. */
export function listPlaces(db: Database): Place[] {
  return prepared(db, 'SELECT * FROM places ORDER BY rank, name').all().map(fromRow);
}
