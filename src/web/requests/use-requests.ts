import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { newer } from './request-rules.ts';
import type { SupportRequest } from './request-types.ts';

/** The most requests the board loads (10 pages of the API's largest). */
const maxRequests = 10_000;

export interface RequestsState {
  /** Every request the reader may see, by id, the newest version of each. */
  byId: ReadonlyMap<string, SupportRequest>;
  loading: boolean;
  error: string | null;
  /** Puts a newer version (from the stream, or a step's answer) in place. */
  upsert: (r: SupportRequest) => void;
}

/** The support requests the reader may see, read once and kept current by `upsert`. */
export function useRequests(): RequestsState {
  const [byId, setById] = useState<ReadonlyMap<string, SupportRequest>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    (async () => {
      const items: SupportRequest[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<SupportRequest> = await api<Page<SupportRequest>>(
          `/api/v1/requests${query({ limit: 1000, cursor })}`,
        );
        items.push(...page.items);
        cursor = page.next;
      } while (cursor && items.length < maxRequests);
      return items;
    })().then(
      (items) => {
        if (!live) return;
        setById((known) => {
          const next = new Map<string, SupportRequest>();
          for (const r of items) next.set(r.id, newer(known.get(r.id), r));
          return next;
        });
        setError(null);
        setLoading(false);
      },
      (e: Error) => {
        if (!live) return;
        setError(e.message);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const upsert = useCallback((r: SupportRequest) => {
    setById((known) => {
      const kept = newer(known.get(r.id), r);
      if (kept === known.get(r.id)) return known;
      const next = new Map(known);
      next.set(r.id, kept);
      return next;
    });
  }, []);
  return { byId, loading, error, upsert };
}
