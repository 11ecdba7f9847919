import type { Place } from '../domain/place.ts';

/** The gazetteer of populated places the map names: reference data, replaced whole on each import. */
export interface PlaceReads {
  /** Every place, most prominent first, then by name. */
  list(): Promise<Place[]>;
}

export interface PlaceWrites {
  /** Writes a place with its change-log entry (the import's one audit entry covers the whole set). */
  insert(p: Place): Promise<void>;
  /** Deletes every place (logging each deletion) and returns how many there were. */
  deleteAll(): Promise<number>;
}
