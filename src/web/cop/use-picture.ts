import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client.ts';
import type {
  Boundary,
  IncidentPoints,
  Jcc,
  Line,
  Organisation,
  Page,
  PlaceFeature,
  PresenceRecord,
  SeenIncident,
} from '../api/types.ts';
import { isTearline } from '../api/types.ts';
import { casualtyTotal } from '../incidents/incident-labels.ts';
import { incidentsFromPoints, type MapIncident } from '../map/map-data.ts';
import type { TimeWindow } from './time-window.ts';

export interface Reference {
  orgs: Organisation[];
  lines: Line[];
  jccs: Jcc[];
  presence: PresenceRecord[];
  boundaries: Boundary[];
  places: PlaceFeature[];
}

const noReference: Reference = { orgs: [], lines: [], jccs: [], presence: [], boundaries: [], places: [] };

async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Page<T> = await api<Page<T>>(
      `${path}${path.includes('?') ? '&' : '?'}${query({ limit: 1000, cursor }).slice(1)}`,
    );
    items.push(...page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return items;
}

async function boundariesOf(level: number): Promise<Boundary[]> {
  const fc = await api<{ features: Boundary[] }>(`/api/v1/boundaries?level=${level}`);
  return fc.features;
}

/** The reference picture: organisations, the line and zone, the centres, presence, loaded boundaries and places. */
export function useReference(): { reference: Reference; error: string | null } {
  const [reference, setReference] = useState<Reference>(noReference);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      api<Page<Organisation>>('/api/v1/organisations'),
      api<Page<Line>>('/api/v1/lines'),
      api<Page<Jcc>>('/api/v1/jccs'),
      allPages<PresenceRecord>('/api/v1/presence'),
      Promise.all([boundariesOf(1), boundariesOf(2)]).then(([a, b]) => [...a, ...b]),
      api<{ features: PlaceFeature[] }>('/api/v1/places').then((fc) => fc.features),
    ])
      .then(([orgs, lines, jccs, presence, boundaries, places]) => {
        if (live)
          setReference({ orgs: orgs.items, lines: lines.items, jccs: jccs.items, presence, boundaries, places });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, []);
  return { reference, error };
}

/** The map's point for an incident as the stream presents it (the record, or its tearline). */
export function mapIncidentOf(r: SeenIncident): MapIncident {
  const c = casualtyTotal(r);
  const tearline = isTearline(r);
  return {
    id: r.id,
    lon: r.lon,
    lat: r.lat,
    type: r.type,
    casualties: c.killed + c.wounded + c.abducted,
    tearline,
    time: tearline ? r.date : r.time,
    org: tearline ? null : r.owner_org,
  };
}

/**
 * The incidents of the time window on the map, kept current by `upsert` from the live stream, and where that
 * stream starts: the change-log position the first point set was read at, so no change falls between the two.
 */
export function useIncidentPoints(timeWindow: TimeWindow) {
  const [incidents, setIncidents] = useState<MapIncident[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [streamFrom, setStreamFrom] = useState<number | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    api<IncidentPoints>(`/api/v1/incidents/points${query({ since: timeWindow.from, until: timeWindow.to })}`, {
      signal: abort.signal,
    })
      .then((p) => {
        setIncidents(incidentsFromPoints(p));
        setTruncated(p.truncated);
        setStreamFrom((from) => from ?? p.change_log_seq);
        setError(null);
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(e.message);
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [timeWindow.from, timeWindow.to]);

  // Changed incidents replace their old points in one pass; those that left the window go.
  const upsert = useCallback(
    (changed: readonly MapIncident[]) => {
      const from = Date.parse(timeWindow.from) - 86_400_000;
      const to = timeWindow.preset === 'custom' ? Date.parse(timeWindow.to) : Number.POSITIVE_INFINITY;
      const inWindow = changed.filter((i) => {
        const t = Date.parse(i.time);
        return t >= from && t < to;
      });
      const ids = new Set(changed.map((i) => i.id));
      setIncidents((list) => [...inWindow, ...list.filter((x) => !ids.has(x.id))]);
    },
    [timeWindow.from, timeWindow.to, timeWindow.preset],
  );

  return { incidents, truncated, loading, error, upsert, streamFrom };
}
