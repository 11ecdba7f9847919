import { noEnrichment } from '../domain/enrichment.ts';
import type { Incident } from '../domain/incident.ts';
import { enrich, loadEnrichmentContext } from '../service/enrichment.ts';
import { hashPassword } from '../service/secrets.ts';
import { insertCoordinationLine } from '../store/coordination-lines.ts';
import { newId } from '../store/ids.ts';
import { insertIncident } from '../store/incidents.ts';
import { insertJcc } from '../store/jccs.ts';
import { insertOrganisation } from '../store/organisations.ts';
import { insertPresence } from '../store/presence.ts';
import { setSetting } from '../store/settings.ts';
import { insertSharingGroup } from '../store/sharing-groups.ts';
import type { Store } from '../store/store.ts';
import { insertUser } from '../store/users.ts';
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
 * Writes the whole scenario through the one write path in a single transaction, so a failure
 * leaves the database as it was. Passwords are hashed before the transaction starts.
 */
export async function loadDemo(
  store: Store,
  scenario: DemoScenario,
  passwordFor: (username: string) => string,
): Promise<DemoLogin[]> {
  const logins = scenario.users.map((u) => ({ ...u, password: passwordFor(u.username) }));
  const hashes = await Promise.all(logins.map((l) => hashPassword(l.password)));
  store.writes.write(null, (tx) => {
    const at = tx.at;
    for (const o of scenario.organisations) insertOrganisation(tx, { id: newId(), ...o, createdAt: at });
    insertSharingGroup(tx, { ...demoSharingGroup, ownerOrg: 'peshmerga', createdAt: at, updatedAt: at });
    insertCoordinationLine(tx, { id: newId(), ...scenario.line, createdAt: at, updatedAt: at });
    for (const j of scenario.jccs) insertJcc(tx, { id: newId(), ...j, createdAt: at, updatedAt: at });
    for (const p of scenario.presence) insertPresence(tx, { ...p, createdAt: at, updatedAt: at });
    const userIds: Array<[string, DemoLogin]> = [];
    for (const [i, l] of logins.entries()) {
      const { username, org, roles } = l;
      const id = newId();
      userIds.push([id, l]);
      insertUser(tx, {
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
    const ctx = loadEnrichmentContext(store);
    const analystOf = new Map(userIds.filter(([, l]) => l.roles.includes('analyst')).map(([id, l]) => [l.org, id]));
    for (const i of scenario.incidents) {
      const base = {
        ...i,
        review: null,
        duplicateOf: null,
        enrichment: noEnrichment,
        reporterId: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      const incident: Incident = { ...base, ...enrich(store, ctx, base) };
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
      insertIncident(tx, incident);
    }
    setSetting(tx.db, 'demo', JSON.stringify({ seed: scenario.seed, asOf: scenario.asOf }));
  });
  return logins;
}
