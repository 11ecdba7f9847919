import type { AdminBoundary, AdminBoundarySummary, AdminLevel } from '../domain/admin-boundary.ts';
import type { BBox } from '../domain/geojson.ts';

export interface BoundaryReads {
  summaries(level?: AdminLevel): Promise<AdminBoundarySummary[]>;
  list(): Promise<AdminBoundary[]>;
  ofLevel(level: AdminLevel): Promise<AdminBoundary[]>;
  /** Boundaries whose bounding box meets the box, optionally of one level. */
  inBox(box: BBox, level?: AdminLevel): Promise<AdminBoundary[]>;
  /** Changes whenever the set of boundaries does. */
  fingerprint(): Promise<string>;
}

export interface BoundaryWrites {
  insert(b: AdminBoundary): Promise<void>;
  /** Deletes every boundary of a level; returns how many there were. */
  deleteLevel(level: AdminLevel): Promise<number>;
}
