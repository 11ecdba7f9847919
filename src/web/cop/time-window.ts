/** The time window the picture shows: a preset ending now, or a chosen span. */
export type WindowPreset = '24h' | '7d' | '30d' | '90d' | 'custom';

export interface TimeWindow {
  preset: WindowPreset;
  from: string;
  to: string;
}

const hour = 3_600_000;
const presetMs: Record<Exclude<WindowPreset, 'custom'>, number> = {
  '24h': 24 * hour,
  '7d': 7 * 24 * hour,
  '30d': 30 * 24 * hour,
  '90d': 90 * 24 * hour,
};

/** The window of a preset ending at `now`. */
export function presetWindow(preset: Exclude<WindowPreset, 'custom'>, now = Date.now()): TimeWindow {
  return { preset, from: new Date(now - presetMs[preset]).toISOString(), to: new Date(now).toISOString() };
}

export const windowPresets = Object.keys(presetMs) as Array<Exclude<WindowPreset, 'custom'>>;

/** The window the picture opens with: `?window=24h|7d|30d|90d` in the address (a link to a view), else 7 days. */
export function initialWindow(search: string, now = Date.now()): TimeWindow {
  const asked = new URLSearchParams(search).get('window');
  const preset = windowPresets.find((p) => p === asked) ?? '7d';
  return presetWindow(preset, now);
}

/** The value of a datetime-local input for an ISO time, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO time of a datetime-local input's value (read in the browser's time zone), or null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
