/** An organisation taking part in coordination (a force, a mission, a coalition). */
export interface Organisation {
  id: string;
  /** Short, stable, lower-case code used in every reference, e.g. `isf`. */
  code: string;
  name: string;
  createdAt: string;
}

export const orgCodePattern = /^[a-z][a-z0-9-]{1,31}$/;
