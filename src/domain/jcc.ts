import type { Areal } from './geojson.ts';

/** A joint coordination centre: an area of responsibility and its member organisations. */
export interface Jcc {
  id: string;
  code: string;
  /** The English name, which every reader without a name in their own language sees. */
  name: string;
  /** The Arabic name, where known. */
  nameAr?: string | null;
  /** The Central Kurdish (Sorani) name, where known. */
  nameCkb?: string | null;
  aor: Areal;
  members: string[];
  createdAt: string;
  updatedAt: string;
}

export const jccCodePattern = /^[a-z][a-z0-9-]{0,31}$/;
