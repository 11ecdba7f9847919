import type { Database } from './database.ts';
import { prepared } from './statements.ts';

/** Site settings are configuration, not shared records: they are not replicated through the change log. */
export function getSetting(db: Database, key: string): string | null {
  const r = prepared(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  return r ? String(r.value) : null;
}

export function setSetting(db: Database, key: string, value: string): void {
  prepared(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
