import type { AdminBoundary, AdminLevel } from '../domain/admin-boundary.ts';
import type { Position } from '../domain/geojson.ts';
import { type AdminLookup, buildAdminLookup } from '../geo/admin-lookup.ts';
import { interiorPoint } from '../geo/interior-point.ts';
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
  version: number;
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

/**
 * The boundary index of a store, built once and rebuilt after boundaries change: at once when this
 * process changes them (heard on the bus), and on the next use when another process did (a server
 * next to `seam boundaries import`), which the change log's position and the boundaries' fingerprint reveal.
 */
export async function boundaryIndex(store: Store): Promise<BoundaryIndex> {
  let entry = cache.get(store);
  if (!entry) {
    const fresh: CacheEntry = { index: null, version: -1, fingerprint: '' };
    store.bus.subscribe((event) => {
      if (event.recordType === 'admin_boundary') fresh.index = null;
    });
    cache.set(store, fresh);
    entry = fresh;
  }
  const version = await store.changeLog.lastSeq();
  if (entry.index && version !== entry.version) {
    if ((await store.boundaries.fingerprint()) !== entry.fingerprint) entry.index = null;
    entry.version = version;
  }
  if (!entry.index) {
    entry.version = version;
    entry.fingerprint = await store.boundaries.fingerprint();
    entry.index = build(await store.boundaries.list());
  }
  return entry.index;
}
