import { useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';
import type { GapReport, GapSnapshot, Page } from '../api/types.ts';
import type { TimeWindow } from '../cop/time-window.ts';

/** The gap analysis of the window, asked for only while something on screen needs it. */
export function useGapReport(window: TimeWindow, wanted: boolean) {
  const [report, setReport] = useState<GapReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    setLoading(true);
    api<GapReport>(`/api/v1/gaps${query({ from: window.from, to: window.to })}`, { signal: abort.signal })
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((e: Error) => !abort.signal.aborted && setError(e.message))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [window.from, window.to, wanted]);
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
