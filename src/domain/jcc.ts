import type { Areal } from './geojson.ts';

/** A joint coordination centre: an area of responsibility and its member organisations. */
export interface Jcc {
  id: string;
  code: string;
  name: string;
  aor: Areal;
  members: string[];
  createdAt: string;
  updatedAt: string;
}

export const jccCodePattern = /^[a-z][a-z0-9-]{0,31}$/;
