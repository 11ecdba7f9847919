import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { SeenActivity } from './activity-types.ts';

interface ActivityChange {
  seq: number;
  op: 'create' | 'update' | 'delete';
  record: SeenActivity;
}

/** How long the list waits for the live stream to open before it is read without it. */
const streamWaitMs = 3000;

/** The newer of two versions of an activity (the list and the stream may both carry one). */
function newer(a: SeenActivity, b: SeenActivity): SeenActivity {
  return b.version >= a.version ? b : a;
}

async function allActivities(): Promise<SeenActivity[]> {
  const items: SeenActivity[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page<SeenActivity> = await api<Page<SeenActivity>>(
      `/api/v1/activities${query({ limit: 1000, cursor })}`,
    );
    items.push(...page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return items;
}

/**
 * The planned activities the reader may see (whole, or as a notice), newest first, kept current by the live
 * stream. The stream is opened first and the list read once it is open, so no change falls between the two;
 * a change carried by both is kept in its newer version.
 */
export function useActivities() {
  const [items, setItems] = useState<SeenActivity[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const upsert = useCallback((changed: readonly SeenActivity[], removed: readonly string[] = []) => {
    setItems((list) => {
      const byId = new Map(list.map((a) => [a.id, a]));
      for (const a of changed) {
        const old = byId.get(a.id);
        byId.set(a.id, old ? newer(old, a) : a);
      }
      for (const id of removed) byId.delete(id);
      return [...byId.values()].sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
    });
  }, []);

  useEffect(() => {
    let live = true;
    let opened = false;
    const source = new EventSource('/api/v1/stream');
    const load = () => {
      allActivities()
        .then((list) => {
          if (!live) return;
          upsert(list);
          setError(null);
        })
        .catch((e: Error) => live && setError(e.message))
        .finally(() => live && setLoading(false));
    };
    // Read once the stream is open, and again whenever it opens anew: what changed while it was down is caught up.
    source.onopen = () => {
      opened = true;
      load();
    };
    // A stream that cannot open (the server refuses more streams, the link is down) does not keep the list from
    // showing: it is read anyway after a moment.
    const fallback = setTimeout(() => {
      if (!opened) load();
    }, streamWaitMs);
    source.addEventListener('activity', (e) => {
      let change: ActivityChange;
      try {
        change = JSON.parse((e as MessageEvent<string>).data) as ActivityChange;
      } catch {
        // A malformed event is skipped; the next one still arrives.
        return;
      }
      if (change.op === 'delete') upsert([], [change.record.id]);
      else upsert([change.record]);
    });
    return () => {
      live = false;
      clearTimeout(fallback);
      source.close();
    };
  }, [upsert]);

  return { items, loading, error, upsert };
}
