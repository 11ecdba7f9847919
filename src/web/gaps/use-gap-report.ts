import { useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';
import type { GapReport, GapSnapshot, Page } from '../api/types.ts';
import type { TimeWindow } from '../cop/time-window.ts';

/**
 * The gap analysis of the window, asked for only while something on screen needs it. Hotspots and recommended
 * sites cost the server most of an analysis, so a new window first gets the gaps alone, then the rest if it is
 * shown; an answer with more parts is kept while fewer are needed.
 */
export function useGapReport(window: TimeWindow, need: { wanted: boolean; hotspots: boolean; sites: boolean }) {
  const { wanted, hotspots, sites } = need;
  const [report, setReport] = useState<GapReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [has, setHas] = useState<{ key: string; hotspots: boolean; sites: boolean } | null>(null);
  const key = `${window.from}/${window.to}`;
  const enough = has !== null && has.key === key && (has.hotspots || !hotspots) && (has.sites || !sites);
  const fresh = has === null || has.key !== key;
  useEffect(() => {
    if (!wanted || enough) return;
    const abort = new AbortController();
    setLoading(true);
    const ask = fresh ? { hotspots: false, sites: false } : { hotspots, sites };
    const q = query({
      from: window.from,
      to: window.to,
      hotspots: ask.hotspots ? undefined : 'false',
      sites: ask.sites ? undefined : 0,
    });
    api<GapReport>(`/api/v1/gaps${q}`, { signal: abort.signal })
      .then((r) => {
        setReport(r);
        setHas({ key, ...ask });
        setError(null);
      })
      .catch((e: Error) => !abort.signal.aborted && setError(e.message))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [window.from, window.to, key, wanted, enough, fresh, hotspots, sites]);
  return { report, loading, error };
}

/** The daily gap figures over the 30 days up to the window's end: is the gap closing? */
export function useGapTrend(to: string) {
  const [series, setSeries] = useState<GapSnapshot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const from = new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
    api<Page<GapSnapshot>>(`/api/v1/gaps/trend${query({ from, to, every: '1d' })}`, { signal: abort.signal })
      .then((p) => {
        setSeries(p.items);
        setError(null);
      })
      .catch((e: Error) => !abort.signal.aborted && setError(e.message));
    return () => abort.abort();
  }, [to]);
  return { series, error };
}
