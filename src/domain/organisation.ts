/** An organisation taking part in coordination (a force, a mission, a coalition). */
export interface Organisation {
  id: string;
  /** Short, stable, lower-case code used in every reference, e.g. `isf`. */
  code: string;
  /** The English name, which every reader without a name in their own language sees. */
  name: string;
  /** The Arabic name, where known. */
  nameAr?: string | null;
  /** The Central Kurdish (Sorani) name, where known. */
  nameCkb?: string | null;
  createdAt: string;
}

export const orgCodePattern = /^[a-z][a-z0-9-]{1,31}$/;
