import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, query } from '../api/client.ts';
import type { LiveRecordChange } from '../live/live-records.ts';
import { matchesFilters, newerSitrep, newestFirst, type SitrepFilters } from './sitrep-rules.ts';
import type { SitrepPage, SitrepSummary } from './sitrep-types.ts';

/** How many reports one read of the list asks for. */
const pageSize = 50;
/** How long the list waits for the live stream to open before it is read without it. */
const streamWaitMs = 3000;

export interface SitrepsState {
  /** The reports the filters let through, newest first. */
  items: SitrepSummary[];
  loading: boolean;
  error: string | null;
  /** True when the server holds more (older) reports than the list has read. */
  more: boolean;
  loadMore: () => void;
  /** Puts a newer version (from the stream, or an action's answer) in place. */
  upsert: (s: SitrepSummary) => void;
}

/**
 * The SITREPs the reader may see, filtered by JCC and state, newest first, kept current by the live stream.
 * The stream is opened first and the list read once it is open (and again whenever it opens anew), so no
 * release or new draft falls between the two; a report carried by both is kept in its newer version.
 */
export function useSitreps(filters: SitrepFilters): SitrepsState {
  const [byId, setById] = useState<ReadonlyMap<string, SitrepSummary>>(new Map());
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState(0);

  const upsertAll = useCallback((list: readonly SitrepSummary[]) => {
    setById((known) => {
      let next: Map<string, SitrepSummary> | null = null;
      for (const s of list) {
        const kept = newerSitrep(known.get(s.id), s);
        if (kept === known.get(s.id)) continue;
        next ??= new Map(known);
        next.set(s.id, kept);
      }
      return next ?? known;
    });
  }, []);
  const upsert = useCallback((s: SitrepSummary) => upsertAll([s]), [upsertAll]);

  useEffect(() => {
    let isOpen = false;
    const source = new EventSource('/api/v1/stream');
    source.onopen = () => {
      isOpen = true;
      setOpened((n) => n + 1);
    };
    // A stream that cannot open (the server refuses more streams, the link is down) does not keep the list from
    // showing: it is read anyway after a moment.
    const fallback = setTimeout(() => {
      if (!isOpen) setOpened((n) => n + 1);
    }, streamWaitMs);
    source.addEventListener('sitrep', (e) => {
      let change: LiveRecordChange<SitrepSummary>;
      try {
        change = JSON.parse((e as MessageEvent<string>).data) as LiveRecordChange<SitrepSummary>;
      } catch {
        // A malformed event is skipped; the next one still arrives.
        return;
      }
      if (change.op === 'delete')
        setById((known) => {
          if (!known.has(change.record.id)) return known;
          const next = new Map(known);
          next.delete(change.record.id);
          return next;
        });
      else upsertAll([change.record]);
    });
    return () => {
      clearTimeout(fallback);
      source.close();
    };
  }, [upsertAll]);

  const read = useCallback(
    (after: string | null, isCurrent: () => boolean) => {
      setLoading(true);
      api<SitrepPage>(
        `/api/v1/sitreps${query({ jcc: filters.jcc, state: filters.state, limit: pageSize, cursor: after })}`,
      )
        .then((page) => {
          if (!isCurrent()) return;
          upsertAll(page.items);
          setCursor(page.next_cursor);
          setError(null);
        })
        .catch((e: Error) => isCurrent() && setError(e.message))
        .finally(() => isCurrent() && setLoading(false));
    },
    [filters.jcc, filters.state, upsertAll],
  );

  // Each first read starts a generation: a page asked for under other filters is not taken as this one's next.
  const generation = useRef(0);
  useEffect(() => {
    if (opened === 0) return;
    const mine = ++generation.current;
    setCursor(null);
    read(null, () => generation.current === mine);
  }, [opened, read]);

  const loadMore = useCallback(() => {
    const mine = generation.current;
    if (cursor) read(cursor, () => generation.current === mine);
  }, [cursor, read]);

  const items = useMemo(
    () => [...byId.values()].filter((s) => matchesFilters(s, filters)).sort(newestFirst),
    [byId, filters],
  );
  return { items, loading, error, more: cursor !== null, loadMore, upsert };
}
