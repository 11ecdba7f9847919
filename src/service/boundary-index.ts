import type { AdminBoundary, AdminLevel } from '../domain/admin-boundary.ts';
import type { Position } from '../domain/geojson.ts';
import { type AdminLookup, buildAdminLookup } from '../geo/admin-lookup.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import { boundaryFingerprint, listBoundaries } from '../store/boundaries.ts';
import type { Store } from '../store/store.ts';

/** The loaded boundaries, indexed for point lookups and by place code, with interior points made on demand. */
export interface BoundaryIndex {
  readonly boundaries: readonly AdminBoundary[];
  lookup(level: AdminLevel): AdminLookup<AdminBoundary>;
  byPcode(level: AdminLevel, pcode: string): AdminBoundary | undefined;
  /** A point inside the boundary (its centroid when that is inside). */
  interiorPoint(b: AdminBoundary): Position;
}

interface CacheEntry {
  index: BoundaryIndex | null;
  dataVersion: number;
  fingerprint: string;
}

const cache = new WeakMap<Store, CacheEntry>();

function build(boundaries: AdminBoundary[]): BoundaryIndex {
  const lookups = new Map<AdminLevel, AdminLookup<AdminBoundary>>();
  for (const level of [1, 2, 3] as const)
    lookups.set(level, buildAdminLookup(boundaries.filter((b) => b.level === level)));
  const pcodes = new Map(boundaries.map((b) => [`${b.level}:${b.pcode}`, b]));
  const points = new Map<string, Position>();
  return {
    boundaries,
    lookup: (level) => lookups.get(level)!,
    byPcode: (level, pcode) => pcodes.get(`${level}:${pcode}`),
    interiorPoint(b) {
      let p = points.get(b.id);
      if (!p) {
        p = interiorPoint(b.geometry);
        points.set(b.id, p);
      }
      return p;
    },
  };
}

function dataVersion(store: Store): number {
  return Number((store.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
}

/**
 * The boundary index of a store, built once and rebuilt after boundaries change: at once when this
 * process changes them (heard on the bus), and on the next use when another process did (a server
 * next to `seam boundaries import`), which SQLite's data_version and the boundaries' fingerprint reveal.
 */
export function boundaryIndex(store: Store): BoundaryIndex {
  let entry = cache.get(store);
  if (!entry) {
    const fresh: CacheEntry = { index: null, dataVersion: -1, fingerprint: '' };
    store.bus.subscribe((event) => {
      if (event.recordType === 'admin_boundary') fresh.index = null;
    });
    cache.set(store, fresh);
    entry = fresh;
  }
  const version = dataVersion(store);
  if (entry.index && version !== entry.dataVersion) {
    if (boundaryFingerprint(store.db) !== entry.fingerprint) entry.index = null;
    entry.dataVersion = version;
  }
  if (!entry.index) {
    entry.dataVersion = version;
    entry.fingerprint = boundaryFingerprint(store.db);
    entry.index = build(listBoundaries(store.db));
  }
  return entry.index;
}
