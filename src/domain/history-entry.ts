/** One version of a record in its history: who changed it, when, and which fields from what to what. */
export interface HistoryEntry {
  version: number;
  at: string;
  by: string | null;
  op: 'create' | 'update' | 'delete';
  changes: Array<{ field: string; old: unknown; new: unknown }>;
}

/** The fields that differ between two versions of a record's outside form (its time and version number aside). */
export function fieldChanges(
  previous: Record<string, unknown> | null,
  current: Record<string, unknown> | null,
): HistoryEntry['changes'] {
  if (!previous || !current) return [];
  const changes: HistoryEntry['changes'] = [];
  for (const field of Object.keys(current)) {
    if (field === 'updated_at' || field === 'version') continue;
    if (JSON.stringify(previous[field]) !== JSON.stringify(current[field]))
      changes.push({ field, old: previous[field], new: current[field] });
  }
  return changes;
}
