import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/** What went wrong, with each field the server named. */
export function apiErrorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError && e.issues.length > 0) {
    return t('common.error', { message: e.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') });
  }
  return t('common.error', { message: (e as Error).message });
}
