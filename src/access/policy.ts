import type { Releasability } from '../domain/releasability.ts';

/**
 * Who is reading. Today a user, acting for one organisation; a peer site or a TAK client reads
 * as the organisation it was granted to act for, and names itself in `kind`.
 */
export interface Reader {
  org: string;
  kind?: 'user' | 'peer-site' | 'tak-client';
  /**
   * A reader that stands for every organisation of an audience (a SITREP's readers): it sees of a
   * record only what each of them may see, so nothing reaches one of them that it may not see.
   */
  audience?: readonly string[];
}

/** What a record says about who may see it, and who may see its tearline. */
export interface Shareable {
  ownerOrg: string;
  releasability: Releasability;
  jcc: string | null;
  tearline?: { releasability: Releasability } | null;
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

/** The whole record, only its tearline, or nothing at all. */
export type Visibility = 'record' | 'tearline' | 'none';

/**
 * The one access rule. The owner organisation always sees the record; so does every organisation
 * in the audience of its releasability. Failing that, an organisation in the audience of the
 * record's tearline sees the tearline only. Everyone else sees nothing.
 */
export function visibility(viewer: Reader, record: Shareable, facts: AccessFacts): Visibility {
  if (viewer.audience) return leastOf(viewer, (one) => orgVisibility(one, record, facts));
  return orgVisibility(viewer, record, facts);
}

const rank: Record<Visibility, number> = { none: 0, tearline: 1, record: 2 };

/**
 * The organisations a reader stands for, each as a reader of its own: the reader itself, or every
 * organisation of its audience. A rule that looks past `visibility` (a party to a request, an owner
 * of a joint activity) must hold for each of them.
 */
export function readersOf(reader: Reader): Reader[] {
  return reader.audience ? reader.audience.map((org) => ({ org })) : [reader];
}

/** The least of what each organisation a reader stands for may see, by `see` (an empty audience sees nothing). */
export function leastOf(reader: Reader, see: (one: Reader) => Visibility): Visibility {
  const readers = readersOf(reader);
  let least: Visibility = readers.length === 0 ? 'none' : 'record';
  for (const one of readers) {
    const v = see(one);
    if (rank[v] < rank[least]) least = v;
    if (least === 'none') break;
  }
  return least;
}

function orgVisibility(viewer: Reader, record: Shareable, facts: AccessFacts): Visibility {
  if (viewer.org === record.ownerOrg) return 'record';
  if (inAudience(viewer.org, record.releasability, record, facts)) return 'record';
  if (record.tearline && inAudience(viewer.org, record.tearline.releasability, record, facts)) return 'tearline';
  return 'none';
}

/**
 * Whether an organisation is in the audience of a releasability: `org` is the owner alone;
 * `partners` the member organisations of the record's JCC (for a record outside every AOR: the
 * organisations that sit in a JCC with the owner); `coalition` every coalition organisation;
 * `group:<name>` the group's members. A JCC or group that does not exist opens to no one.
 */
export function inAudience(
  org: string,
  r: Releasability,
  record: { ownerOrg: string; jcc: string | null },
  facts: AccessFacts,
): boolean {
  switch (r.scope) {
    case 'org':
      return org === record.ownerOrg;
    case 'partners':
      return org === record.ownerOrg || arePartners(org, record, facts);
    case 'coalition':
      return org === record.ownerOrg || facts.coalition.has(org);
    case 'group':
      return org === record.ownerOrg || (facts.groupMembers.get(r.group)?.has(org) ?? false);
  }
}

function arePartners(org: string, record: { ownerOrg: string; jcc: string | null }, facts: AccessFacts): boolean {
  if (record.jcc !== null) return facts.jccMembers.get(record.jcc)?.has(org) ?? false;
  for (const members of facts.jccMembers.values()) {
    if (members.has(org) && members.has(record.ownerOrg)) return true;
  }
  return false;
}

/**
 * The organisations in the audience of a releasability for a record owned by `ownerOrg` in `jcc`:
 * the owner and every coalition organisation `inAudience` admits, in name order.
 */
export function audienceOrgs(
  r: Releasability,
  record: { ownerOrg: string; jcc: string | null },
  facts: AccessFacts,
): string[] {
  const orgs = new Set([record.ownerOrg]);
  for (const org of facts.coalition) if (inAudience(org, r, record, facts)) orgs.add(org);
  return [...orgs].sort();
}
