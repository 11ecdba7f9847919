import { builtInActivityKinds } from '../domain/activity.ts';
import { type DeconflictionRules, defaultDeconflictionRules } from '../domain/deconfliction.ts';
import type { ReadRepositories } from '../store/repositories.ts';

/** How long before an activity's start an unanswered notification escalates, by default (2 hours). */
export const defaultAckDeadlineMs = 2 * 3_600_000;

async function numberSetting(
  reads: Pick<ReadRepositories, 'settings'>,
  key: string,
  min: number,
  max: number,
  fallback: number,
): Promise<number> {
  const raw = await reads.settings.get(key);
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

/**
 * The site's deconfliction rules: `deconfliction_separation_km` (default 2), `deconfliction_margin_min`
 * (default 60) and `deconfliction_incident_days` (default 7). A setting out of range keeps the default.
 */
export async function deconflictionRules(reads: Pick<ReadRepositories, 'settings'>): Promise<DeconflictionRules> {
  const d = defaultDeconflictionRules;
  return {
    separationKm: await numberSetting(reads, 'deconfliction_separation_km', 0, 50, d.separationKm),
    marginMs: (await numberSetting(reads, 'deconfliction_margin_min', 0, 24 * 60, d.marginMs / 60_000)) * 60_000,
    incidentWindowMs:
      (await numberSetting(reads, 'deconfliction_incident_days', 0, 90, d.incidentWindowMs / 86_400_000)) * 86_400_000,
  };
}

/** How long before start an unanswered notification escalates: `activity_ack_deadline_min` (default 120). */
export async function ackDeadlineMs(reads: Pick<ReadRepositories, 'settings'>): Promise<number> {
  return (
    (await numberSetting(reads, 'activity_ack_deadline_min', 0, 7 * 24 * 60, defaultAckDeadlineMs / 60_000)) * 60_000
  );
}

/** The activity kinds of the site: the built-in ones and those listed in `activity_kinds_extra` (comma-separated codes). */
export async function activityKinds(reads: Pick<ReadRepositories, 'settings'>): Promise<string[]> {
  const extra = ((await reads.settings.get('activity_kinds_extra')) ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => /^[a-z][a-z0-9_]{0,39}$/.test(k));
  return [...new Set([...builtInActivityKinds, ...extra])];
}
