export interface Page<T, C> {
  items: T[];
  next: C | null;
}

/**
 * Reads rows in batches and keeps those the access policy lets through, until a page is full or
 * the rows run out, so hidden rows never shorten a page while visible ones remain. `next` is set
 * only when another visible row exists.
 */
export async function visiblePage<T, C>(
  fetch: (after: C | null, batch: number) => Promise<T[]>,
  visible: (row: T) => boolean,
  cursorOf: (row: T) => C,
  after: C | null,
  limit: number,
): Promise<Page<T, C>> {
  const items: T[] = [];
  const batch = Math.min(Math.max(limit * 2, 100), 2000);
  let cursor = after;
  for (;;) {
    const rows = await fetch(cursor, batch);
    for (const row of rows) {
      if (!visible(row)) continue;
      // One visible row past the page proves there is a next page; it is not returned.
      if (items.length === limit) return { items, next: cursorOf(items[limit - 1]) };
      items.push(row);
    }
    if (rows.length < batch) return { items, next: null };
    cursor = cursorOf(rows[rows.length - 1]);
  }
}
