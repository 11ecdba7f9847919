import type { CoordinationLine } from '../../domain/coordination-line.ts';
import type { Areal, LineString } from '../../domain/geojson.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): CoordinationLine {
  return {
    id: String(r.id),
    name: String(r.name),
    line: JSON.parse(String(r.line)) as LineString,
    zoneKm: r.zone_km === null ? null : Number(r.zone_km),
    zone: JSON.parse(String(r.zone)) as Areal,
    leftOrg: String(r.left_org),
    rightOrg: String(r.right_org),
    exercise: r.exercise === 1,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function insertCoordinationLine(tx: SqliteTx, l: CoordinationLine): void {
  prepared(
    tx.db,
    'INSERT INTO coordination_lines (id, name, line, zone_km, zone, left_org, right_org, exercise, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    l.id,
    l.name,
    JSON.stringify(l.line),
    l.zoneKm,
    JSON.stringify(l.zone),
    l.leftOrg,
    l.rightOrg,
    l.exercise ? 1 : 0,
    l.createdAt,
    l.updatedAt,
  );
  tx.change(
    recordChange('coordination_line', l, 'create', { action: 'coordination_line.create', detail: { name: l.name } }),
  );
}

export function listCoordinationLines(db: Database): CoordinationLine[] {
  return prepared(db, 'SELECT * FROM coordination_lines ORDER BY created_at, id').all().map(fromRow);
}
