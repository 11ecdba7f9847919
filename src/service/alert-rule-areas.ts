import type { AlertRule } from '../domain/alert-rule.ts';
import type { PreparedRules } from '../domain/alerts.ts';
import { buildAlertAreas, type OrgCorridor } from '../geo/alert-areas.ts';
import type { CoverageItem } from '../geo/presence-index.ts';
import type { GapSnapshot } from '../store/gap-snapshots.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { analyseGaps } from './gaps.ts';
import { coverageSourceOf } from './presence.ts';

/** What a change to invalidates the prepared rules: the rules, presence, the coordination line, gap snapshots. */
const inputs = ['alert_rule', 'presence', 'coordination_line', 'gap_snapshot'] as const;

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

/** Every enabled rule of the site with its geometry indexed, from the rules, presence and corridors as stored now. */
export async function prepareRules(store: Store): Promise<PreparedRules> {
  const rules = (await store.alertRules.list(null)).filter((r) => r.enabled);
  const near = rules.filter((r) => r.kind === 'incident_near' && r.radiusKm !== null);
  const corridor = rules.filter((r) => r.kind === 'incident_in_corridor');
  const presence: CoverageItem[] = [];
  for (const org of new Set(near.map((r) => r.org))) presence.push(...(await ownPresence(store, org)));
  const corridors: OrgCorridor[] = [];
  for (const org of new Set(corridor.map((r) => r.org))) corridors.push(...(await corridorsOf(store, org)));
  return {
    rules: new Map(rules.map((r): [string, AlertRule] => [r.id, r])),
    areas: buildAlertAreas({
      nearRules: near.map((r) => ({
        id: r.id,
        org: r.org,
        radiusKm: r.radiusKm ?? 0,
        presenceKinds: r.presenceKinds,
      })),
      corridorRules: corridor.map((r) => ({ id: r.id, org: r.org })),
      presence,
      corridors,
    }),
  };
}

/** The prepared rules, rebuilt only when a rule, presence record, line or gap snapshot changed since. */
export function preparedRulesCache(store: Store): () => Promise<PreparedRules> {
  let cached: { version: number; prepared: PreparedRules } | null = null;
  return async () => {
    const version = await store.changeLog.lastSeqOf(inputs);
    if (cached?.version === version) return cached.prepared;
    const prepared = await prepareRules(store);
    cached = { version, prepared };
    return prepared;
  };
}
