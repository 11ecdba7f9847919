import { listJccs } from '../store/jccs.ts';
import { listOrganisations } from '../store/organisations.ts';
import { listSharingGroups } from '../store/sharing-groups.ts';
import type { Database } from '../store/sqlite/database.ts';
import type { AccessFacts } from './policy.ts';

/** Reads the memberships the access policy needs from the database. */
export function loadAccessFacts(db: Database): AccessFacts {
  return {
    jccMembers: new Map(listJccs(db).map((j) => [j.code, new Set(j.members)])),
    groupMembers: new Map(listSharingGroups(db).map((g) => [g.name, new Set(g.members)])),
    coalition: new Set(listOrganisations(db).map((o) => o.code)),
  };
}
