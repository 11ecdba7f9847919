import type { Releasability } from '../domain/releasability.ts';

/** Who is asking: a user acts for one organisation. */
export interface Viewer {
  org: string;
}

/** What a record says about who may see it. */
export interface Shareable {
  ownerOrg: string;
  releasability: Releasability;
  jcc: string | null;
}

/** The facts the policy needs besides the record: memberships of centres and sharing groups. */
export interface AccessFacts {
  /** Member organisations of each JCC, by code. */
  jccMembers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Member organisations of each sharing group, by name. */
  groupMembers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every organisation of the coalition on this site. */
  coalition: ReadonlySet<string>;
}

export type Visibility = 'record' | 'none';

/**
 * The one access rule: may this viewer see this record? The owner organisation always may;
 * `partners` opens it to the member organisations of the record's JCC (for a record outside
 * every AOR: to organisations that sit in a JCC with the owner); `coalition` to every coalition
 * organisation; `group:<name>` to the group's members. Anything unknown (a JCC or group that
 * does not exist) stays with its owner.
 */
export function visibility(viewer: Viewer, record: Shareable, facts: AccessFacts): Visibility {
  if (viewer.org === record.ownerOrg) return 'record';
  const r = record.releasability;
  switch (r.scope) {
    case 'org':
      return 'none';
    case 'partners':
      return arePartners(viewer.org, record, facts) ? 'record' : 'none';
    case 'coalition':
      return facts.coalition.has(viewer.org) ? 'record' : 'none';
    case 'group':
      return facts.groupMembers.get(r.group)?.has(viewer.org) ? 'record' : 'none';
  }
}

function arePartners(org: string, record: Shareable, facts: AccessFacts): boolean {
  if (record.jcc !== null) return facts.jccMembers.get(record.jcc)?.has(org) ?? false;
  for (const members of facts.jccMembers.values()) {
    if (members.has(org) && members.has(record.ownerOrg)) return true;
  }
  return false;
}
