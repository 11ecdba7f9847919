import type { ChangeLogEntry } from '../store/change-log.ts';
import type { ReadRepositories } from '../store/repositories.ts';

/** The user names of who wrote these changes, looked up once each: a function from user id to name (null if unknown). */
export async function historyAuthors(
  reads: Pick<ReadRepositories, 'users'>,
  entries: readonly Pick<ChangeLogEntry, 'actor'>[],
): Promise<(userId: string | null) => string | null> {
  const names = new Map<string, string | null>();
  for (const e of entries) {
    if (e.actor !== null && !names.has(e.actor))
      names.set(e.actor, (await reads.users.findById(e.actor))?.username ?? null);
  }
  return (userId) => (userId === null ? null : (names.get(userId) ?? null));
}
