import { accessFacts } from '../access/facts.ts';
import { type Activity, occurrences } from '../domain/activity.ts';
import type { AlertRule } from '../domain/alert-rule.ts';
import type { PreparedRules } from '../domain/alerts.ts';
import { type AlertActivity, type AlertAreaInput, buildAlertAreas, type OrgCorridor } from '../geo/alert-areas.ts';
import type { CoverageItem } from '../geo/presence-index.ts';
import type { GapSnapshot } from '../store/gap-snapshots.ts';
import type { Store } from '../store/store.ts';
import { deconflictionRules } from './activity-settings.ts';
import type { Actor } from './actor.ts';
import { analyseGaps } from './gaps.ts';
import { coverageSourceOf } from './presence.ts';

/** What a change to invalidates the prepared rules' presence and corridors: the rules, presence, the coordination line, gap snapshots, JCCs. */
const inputs = ['alert_rule', 'presence', 'coordination_line', 'gap_snapshot', 'jcc'] as const;
/** What a change to invalidates the prepared planned activities: the rules and the activities (which change often, and cost little to read). */
const activityInputs = ['alert_rule', 'activity'] as const;

async function ownPresence(store: Store, org: string): Promise<CoverageItem[]> {
  const out: CoverageItem[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.presence.query({ org }, after, 5000);
    out.push(...page.map(coverageSourceOf));
    if (page.length < 5000) return out;
    after = page[page.length - 1].id;
  }
}

/** The organisation's latest gap snapshot: the window and options of its last analysis. */
async function latestSnapshot(store: Store, org: string): Promise<GapSnapshot | null> {
  const all = await store.gapSnapshots.list(org, '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z');
  let best: GapSnapshot | null = null;
  for (const s of all) {
    if (!best || s.windowTo > best.windowTo || (s.windowTo === best.windowTo && s.computedAt > best.computedAt))
      best = s;
  }
  return best;
}

/**
 * An organisation's current corridors: those of its latest gap analysis window, analysed again
 * from what it may see (the organisation's view, as its own analysis was), so that a corridor
 * never reflects presence the organisation may not see.
 */
async function corridorsOf(store: Store, org: string): Promise<OrgCorridor[]> {
  const snapshot = await latestSnapshot(store, org);
  if (!snapshot) return [];
  const reader: Actor = { userId: 'alert-engine', username: 'alert-engine', org, roles: ['viewer'], scope: 'read' };
  const report = await analyseGaps(store, reader, {
    from: snapshot.windowFrom,
    to: snapshot.windowTo,
    options: {
      minShare: snapshot.minShare,
      orgs: snapshot.orgs === '' ? undefined : snapshot.orgs.split(','),
      hotspots: false,
      recommendations: false,
    },
  });
  return report.gaps.features
    .filter((f) => f.properties.corridor)
    .map((f) => ({ org, id: f.id, gapAreaKm2: f.properties.area_km2, polygon: f.geometry }));
}

/** An organisation's open planned activities (not done or cancelled), with their occurrences. */
async function openActivities(store: Store, org: string): Promise<AlertActivity[]> {
  const out: AlertActivity[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Activity[] = await store.activities.query({ org }, after, 5000);
    for (const a of page) {
      if (a.state === 'done' || a.state === 'cancelled') continue;
      out.push({ id: a.id, orgs: a.ownerOrgs, kind: a.kind, unit: a.unit, area: a.area, occurrences: occurrences(a) });
    }
    if (page.length < 5000) return out;
    after = page[page.length - 1].id;
  }
}

const enabledRules = async (store: Store) => (await store.alertRules.list(null)).filter((r) => r.enabled);

/** The rules' presence, corridors and JCC membership, as stored now. */
async function presencePart(store: Store) {
  const rules = await enabledRules(store);
  const near = rules.filter((r) => r.kind === 'incident_near' && r.radiusKm !== null);
  const corridor = rules.filter((r) => r.kind === 'incident_in_corridor');
  const presence: CoverageItem[] = [];
  for (const org of new Set(near.map((r) => r.org))) presence.push(...(await ownPresence(store, org)));
  const corridors: OrgCorridor[] = [];
  for (const org of new Set(corridor.map((r) => r.org))) corridors.push(...(await corridorsOf(store, org)));
  const input: Pick<AlertAreaInput, 'nearRules' | 'corridorRules' | 'presence' | 'corridors'> = {
    nearRules: near.map((r) => ({ id: r.id, org: r.org, radiusKm: r.radiusKm ?? 0, presenceKinds: r.presenceKinds })),
    corridorRules: corridor.map((r) => ({ id: r.id, org: r.org })),
    presence,
    corridors,
  };
  return { input, jccMembers: (await accessFacts(store)).jccMembers };
}

/** The rules themselves and the planned activities of the organisations with incident_near_activity rules. */
async function activityPart(store: Store) {
  const rules = await enabledRules(store);
  const near = rules.filter((r) => r.kind === 'incident_near_activity' && r.radiusKm !== null);
  const activities: AlertActivity[] = [];
  const seen = new Set<string>();
  for (const org of new Set(near.map((r) => r.org))) {
    for (const a of await openActivities(store, org)) {
      if (!seen.has(a.id)) activities.push(a);
      seen.add(a.id);
    }
  }
  const input: Pick<AlertAreaInput, 'activityRules' | 'activities' | 'activityMarginMs'> = {
    activityRules: near.map((r) => ({ id: r.id, org: r.org, radiusKm: r.radiusKm ?? 0 })),
    activities,
    activityMarginMs: (await deconflictionRules(store)).marginMs,
  };
  return { rules, input };
}

function assemble(
  presence: Awaited<ReturnType<typeof presencePart>>,
  activity: Awaited<ReturnType<typeof activityPart>>,
): PreparedRules {
  return {
    rules: new Map(activity.rules.map((r): [string, AlertRule] => [r.id, r])),
    areas: buildAlertAreas({ ...presence.input, ...activity.input }),
    jccMembers: presence.jccMembers,
  };
}

/** Every enabled rule of the site with its geometry indexed, from the rules, presence, corridors and activities as stored now. */
export async function prepareRules(store: Store): Promise<PreparedRules> {
  return assemble(await presencePart(store), await activityPart(store));
}

/**
 * The prepared rules, rebuilt only when their inputs changed since: presence and corridors (costly:
 * a gap analysis per organisation) when a rule, presence record, line, gap snapshot or JCC changed;
 * planned activities when a rule or an activity changed.
 */
export function preparedRulesCache(store: Store): () => Promise<PreparedRules> {
  let presence: { version: number; part: Awaited<ReturnType<typeof presencePart>> } | null = null;
  let activity: { version: number; part: Awaited<ReturnType<typeof activityPart>> } | null = null;
  let cached: { key: string; prepared: PreparedRules } | null = null;
  return async () => {
    const pv = await store.changeLog.lastSeqOf(inputs);
    const av = await store.changeLog.lastSeqOf(activityInputs);
    if (presence?.version !== pv) presence = { version: pv, part: await presencePart(store) };
    if (activity?.version !== av) activity = { version: av, part: await activityPart(store) };
    const key = `${pv}:${av}`;
    if (cached?.key !== key) cached = { key, prepared: assemble(presence.part, activity.part) };
    return cached.prepared;
  };
}
