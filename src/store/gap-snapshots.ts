import type { GapSnapshot } from '../domain/gap-snapshot.ts';

export type { GapSnapshot } from '../domain/gap-snapshot.ts';

export interface GapSnapshotReads {
  /** An organisation's snapshots of windows within [from, to]. */
  list(org: string, from: string, to: string): Promise<GapSnapshot[]>;
}

export interface GapSnapshotWrites {
  save(s: GapSnapshot): Promise<void>;
}
