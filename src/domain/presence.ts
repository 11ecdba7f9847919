import type { LineString, Point, Polygon } from './geojson.ts';
import type { Releasability } from './releasability.ts';

export const presenceKinds = ['checkpoint', 'patrol', 'unit_aor'] as const;
export type PresenceKind = (typeof presenceKinds)[number];

/** A recurring daily window (UTC) in which a patrol is out. */
export interface PatrolSchedule {
  /** ISO weekdays 1 (Monday) to 7 (Sunday). */
  days: number[];
  start: string;
  end: string;
}

interface PresenceBase {
  id: string;
  org: string;
  name: string;
  activeFrom: string;
  activeTo: string | null;
  releasability: Releasability;
  exercise: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What covers ground: a checkpoint or base, a patrol, or a unit's area of responsibility. */
export type Presence =
  | (PresenceBase & { kind: 'checkpoint'; geometry: Point; radiusKm: number })
  | (PresenceBase & { kind: 'patrol'; geometry: LineString; bufferKm: number; schedule: PatrolSchedule | null })
  | (PresenceBase & { kind: 'unit_aor'; geometry: Polygon });

export const maxCoverageKm = 100;
