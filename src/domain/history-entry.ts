/** One version of a record in its history: who changed it, when, and which fields from what to what. */
export interface HistoryEntry {
  version: number;
  at: string;
  by: string | null;
  op: 'create' | 'update' | 'delete';
  changes: Array<{ field: string; old: unknown; new: unknown }>;
}
