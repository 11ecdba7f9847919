import { noEnrichment } from '../domain/enrichment.ts';
import type { Incident } from '../domain/incident.ts';
import { boundaryIndex } from '../service/boundary-index.ts';
import { loadEnrichmentContext } from '../service/enrichment.ts';
import { writeIncidents } from '../service/incidents.ts';
import { hashPassword } from '../service/secrets.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { loadCoordination } from './coordination-load.ts';
import type { DemoScenario } from './scenario-types.ts';

export interface DemoLogin {
  username: string;
  org: string;
  roles: string[];
  password: string;
}

/** The sharing group the demo's group-releasable incidents name. */
export const demoSharingGroup = { name: 'kcl-intel', members: ['peshmerga', 'coalition'] };

/**
 * Writes the scenario through the one write path: its reference data, presence, users and
 * incidents in a single transaction (passwords hashed before it starts), then its week of
 * coordination replayed step by step through the service commands the API calls
 * (`coordination-load.ts`). `seam demo` builds into a file beside the live one and swaps it in only
 * when complete, so a failure part-way leaves the old data.
 */
export async function loadDemo(
  store: Store,
  scenario: DemoScenario,
  passwordFor: (username: string) => string,
): Promise<DemoLogin[]> {
  const logins = scenario.users.map((u) => ({ ...u, password: passwordFor(u.username) }));
  const hashes = await Promise.all(logins.map((l) => hashPassword(l.password)));
  const boundaries = await boundaryIndex(store);
  await store.write(null, async (tx) => {
    const at = tx.at;
    for (const o of scenario.organisations) await tx.organisations.insert({ id: newId(), ...o, createdAt: at });
    await tx.sharingGroups.insert({ ...demoSharingGroup, ownerOrg: 'peshmerga', createdAt: at, updatedAt: at });
    await tx.lines.insert({ id: newId(), ...scenario.line, createdAt: at, updatedAt: at });
    for (const j of scenario.jccs) await tx.jccs.insert({ id: newId(), ...j, createdAt: at, updatedAt: at });
    for (const p of scenario.presence) await tx.presence.insert({ ...p, createdAt: at, updatedAt: at });
    const userIds: Array<[string, DemoLogin]> = [];
    for (const [i, l] of logins.entries()) {
      const { username, org, roles } = l;
      const id = newId();
      userIds.push([id, l]);
      await tx.users.insert({
        id,
        username,
        org,
        roles,
        disabled: false,
        passwordHash: hashes[i],
        createdAt: at,
        updatedAt: at,
      });
    }
    // Enriched against the line, AORs and presence written above, in this same transaction.
    const enrichment = await loadEnrichmentContext(tx, boundaries);
    const analystOf = new Map(userIds.filter(([, l]) => l.roles.includes('analyst')).map(([id, l]) => [l.org, id]));
    const drafts: Incident[] = scenario.incidents.map((i) => ({
      ...i,
      review: null,
      duplicateOf: null,
      enrichment: noEnrichment,
      reporterId: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    }));
    // The same write step as every reported incident; the scenario's verification is completed
    // from each incident's enrichment before it is written.
    await writeIncidents(tx, { enrichment }, drafts, (enriched) => {
      const incident = { ...enriched };
      if (incident.verification === 'duplicate') {
        // A duplicate must name what it repeats: the earlier report it was flagged against, if any.
        incident.duplicateOf = incident.enrichment.suspectedDuplicateOf;
        if (!incident.duplicateOf) incident.verification = 'reported';
      }
      if (incident.verification !== 'reported') {
        incident.review = {
          by: analystOf.get(incident.ownerOrg) ?? analystOf.values().next().value!,
          at,
          reason: 'EXERCISE: reviewed at the JCC',
        };
      }
      return incident;
    });
    await tx.settings.set('demo', JSON.stringify({ seed: scenario.seed, asOf: scenario.asOf }));
  });
  await loadCoordination(store, scenario.coordination);
  return logins;
}
