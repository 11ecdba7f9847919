import type { GapSnapshot } from '../gap-snapshots.ts';
import { recordChange } from '../record-change.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function fromRow(r: Record<string, unknown>): GapSnapshot {
  return {
    id: String(r.id),
    org: String(r.org),
    windowFrom: String(r.window_from),
    windowTo: String(r.window_to),
    minShare: Number(r.min_share),
    orgs: String(r.orgs),
    zoneKm2: Number(r.zone_km2),
    uncoveredKm2: Number(r.uncovered_km2),
    uncoveredShare: Number(r.uncovered_share),
    longestUncoveredStretchKm: Number(r.longest_uncovered_stretch_km),
    corridors: Number(r.corridors),
    incidentsInGaps: Number(r.incidents_in_gaps),
    computedAt: String(r.computed_at),
  };
}

/** Stores a snapshot, replacing one of the same organisation, window and options. */
export function saveGapSnapshot(tx: SqliteTx, s: GapSnapshot): void {
  const existing = prepared(
    tx.db,
    'SELECT id FROM gap_snapshots WHERE org = ? AND window_from = ? AND window_to = ? AND min_share = ? AND orgs = ?',
  ).get(s.org, s.windowFrom, s.windowTo, s.minShare, s.orgs) as { id: string } | undefined;
  const id = existing?.id ?? s.id;
  prepared(
    tx.db,
    `INSERT INTO gap_snapshots (id, org, window_from, window_to, min_share, orgs, zone_km2, uncovered_km2, uncovered_share,
       longest_uncovered_stretch_km, corridors, incidents_in_gaps, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET zone_km2 = excluded.zone_km2, uncovered_km2 = excluded.uncovered_km2,
       uncovered_share = excluded.uncovered_share, longest_uncovered_stretch_km = excluded.longest_uncovered_stretch_km,
       corridors = excluded.corridors, incidents_in_gaps = excluded.incidents_in_gaps, computed_at = excluded.computed_at`,
  ).run(
    id,
    s.org,
    s.windowFrom,
    s.windowTo,
    s.minShare,
    s.orgs,
    s.zoneKm2,
    s.uncoveredKm2,
    s.uncoveredShare,
    s.longestUncoveredStretchKm,
    s.corridors,
    s.incidentsInGaps,
    s.computedAt,
  );
  tx.change(recordChange('gap_snapshot', { ...s, id }, existing ? 'update' : 'create'));
}

/** An organisation's snapshots whose window starts in [from, to), oldest first. */
export function listGapSnapshots(db: Database, org: string, from: string, to: string): GapSnapshot[] {
  return prepared(
    db,
    'SELECT * FROM gap_snapshots WHERE org = ? AND window_from >= ? AND window_from < ? ORDER BY window_from, orgs, min_share',
  )
    .all(org, from, to)
    .map(fromRow);
}
