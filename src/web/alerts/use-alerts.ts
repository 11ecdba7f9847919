import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { Alert, UnreadCount } from '../requests/request-types.ts';
import { chime, rememberSound, soundWanted } from './alert-sound.ts';

/** How many alerts the list holds: the newest, unread first. */
const listSize = 50;

/** Unread first, then newest first: the order the API lists them in. */
function ordered(alerts: Iterable<Alert>): Alert[] {
  return [...alerts]
    .sort((a, b) => Number(a.read) - Number(b.read) || b.created_at.localeCompare(a.created_at))
    .slice(0, listSize);
}

export interface AlertsState {
  items: Alert[];
  unread: number;
  capped: boolean;
  error: string | null;
  sound: boolean;
  setSound: (on: boolean) => void;
  /** A new alert from the live stream. */
  arrived: (a: Alert) => void;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
}

/** The reader's alerts and unread count, kept current by the live stream; a chime on a new one when asked for. */
export function useAlerts(): AlertsState {
  const [items, setItems] = useState<Alert[]>([]);
  const [count, setCount] = useState<UnreadCount>({ unread: 0, capped: false });
  const [error, setError] = useState<string | null>(null);
  const [sound, setSoundState] = useState(soundWanted);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const known = useRef(new Set<string>());

  const recount = useCallback(() => {
    api<UnreadCount>('/api/v1/alerts/unread-count').then(setCount, (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    api<Page<Alert>>(`/api/v1/alerts?limit=${listSize}`).then(
      (p) => {
        for (const a of p.items) known.current.add(a.id);
        setItems((now) => ordered(new Map([...p.items, ...now].map((a) => [a.id, a])).values()));
      },
      (e: Error) => setError(e.message),
    );
    recount();
  }, [recount]);

  const arrived = useCallback(
    (a: Alert) => {
      // The stream may replay an alert the list already holds: it is neither counted nor announced twice.
      if (known.current.has(a.id)) return;
      known.current.add(a.id);
      setItems((now) => ordered([a, ...now.filter((x) => x.id !== a.id)]));
      recount();
      if (soundRef.current && !a.read) chime();
    },
    [recount],
  );

  const markRead = useCallback(
    async (id: string) => {
      try {
        const updated = await api<Alert>(`/api/v1/alerts/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
        setItems((now) => ordered(now.map((x) => (x.id === id ? updated : x))));
        setError(null);
        recount();
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [recount],
  );

  const markAllRead = useCallback(async () => {
    try {
      await api<{ marked: number }>('/api/v1/alerts/read-all', { method: 'POST', body: {} });
      const at = new Date().toISOString();
      setItems((now) => ordered(now.map((x) => (x.read ? x : { ...x, read: true, read_at: at }))));
      setError(null);
      recount();
    } catch (e) {
      setError((e as Error).message);
    }
  }, [recount]);

  const setSound = useCallback((on: boolean) => {
    rememberSound(on);
    setSoundState(on);
    // A chime on switching on tells the reader what it sounds like (and unlocks audio after their click).
    if (on) chime();
  }, []);

  return {
    items,
    unread: count.unread,
    capped: count.capped,
    error,
    sound,
    setSound,
    arrived,
    markRead,
    markAllRead,
  };
}
