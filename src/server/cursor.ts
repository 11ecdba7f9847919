import { z } from 'zod';
import { invalid } from '../domain/errors.ts';

/** Encodes a paging position as an opaque string. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`, checking it against the shape the route expects. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the one error below
  }
  throw invalid('cursor', 'not a cursor this list gave out');
}

/** Query fields every list route shares. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
};

/** A bbox query parameter: `west,south,east,north` in degrees. */
export const bboxParam = z
  .string()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'expected west,south,east,north')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine(
    ([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90 && w <= e && s <= n,
    'out of range or inverted',
  );
