import type { z } from 'zod';
import { SeamError } from '../domain/errors.ts';

/** Turns zod issues into the one error type, naming each field and its reason. */
export function zodToSeamError(error: z.ZodError, prefix = ''): SeamError {
  const issues = error.issues.flatMap((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ field: path ? `${path}.${k}` : k, reason: 'unknown field' }));
    }
    return [{ field: path || '(body)', reason: i.message }];
  });
  return new SeamError('validation', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), issues);
}
