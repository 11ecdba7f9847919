import type { BBox } from '../domain/geojson.ts';
import type { Presence } from '../domain/presence.ts';

export interface PresenceFilter {
  kind?: Presence['kind'];
  org?: string;
  bbox?: BBox;
}

export interface PresenceReads {
  /** Presence records matching the filter, in id order, starting after `afterId`. */
  query(filter: PresenceFilter, afterId: string | null, limit: number): Promise<Presence[]>;
}

export interface PresenceWrites {
  insert(p: Presence): Promise<void>;
}
