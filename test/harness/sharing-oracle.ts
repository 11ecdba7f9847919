// The sharing rules written out once for the property tests, apart from src/access: a generated
// world of organisations, JCCs and sharing groups, who is in the audience of a releasability, and
// what a reader may see of an incident. The tests hold every read path to this oracle.
import fc from 'fast-check';
import type { Incident } from '../../src/domain/incident.ts';
import type { Releasability } from '../../src/domain/releasability.ts';
import { newId } from '../../src/store/ids.ts';
import type { Tx } from '../../src/store/write-path.ts';
import { kirkukAor } from './fixture.ts';

/** The fields an incident's tearline may carry, and nothing else. */
export const tearlineKeys = [
  'area',
  'casualties',
  'date',
  'exercise',
  'id',
  'lat',
  'lon',
  'releasability',
  'summary',
  'tearline',
  'type',
  'type_label',
];

/** A releasability in a generated world: a scope, or one of its sharing groups by index. */
export type RelSpec = { scope: 'org' | 'partners' | 'coalition' } | { scope: 'group'; index: number };

/** Any releasability of a world with up to `groups` sharing groups. */
export function relSpec(groups: number): fc.Arbitrary<RelSpec> {
  return fc.oneof(
    fc.constantFrom({ scope: 'org' as const }, { scope: 'partners' as const }, { scope: 'coalition' as const }),
    fc.integer({ min: 0, max: groups - 1 }).map((index) => ({ scope: 'group' as const, index })),
  );
}

/** An organisation of the world by index (taken modulo the number of organisations). */
export const orgIndex = fc.integer({ min: 0, max: 3 });

/** The shape of a generated world: how many organisations, and the members of each JCC and group by index. */
export const worldShape = {
  orgs: fc.integer({ min: 2, max: 4 }),
  jccs: fc.array(fc.uniqueArray(orgIndex, { maxLength: 4 }), { maxLength: 2 }),
  groups: fc.array(fc.uniqueArray(orgIndex, { maxLength: 4 }), { maxLength: 2 }),
};

/** An incident before a generated world says who may see it. */
export type UnsharedIncident = Omit<Incident, 'releasability' | 'tearline' | 'version'>;

/** Who may see a generated record: its releasability and tearline. */
export interface SharingSpec {
  releasability: RelSpec;
  tearline: RelSpec | null;
}

/**
 * The fields of a generated incident that decide who may see it: its owner and JCC by index, its sharing, a later
 * change of that sharing, and where it is.
 */
export function sharedRecordShape(rel: fc.Arbitrary<RelSpec>) {
  return {
    owner: orgIndex,
    jcc: fc.option(fc.integer({ min: 0, max: 1 })),
    releasability: rel,
    tearline: fc.option(rel),
    change: fc.option(fc.record({ releasability: rel, tearline: fc.option(rel) })),
    lon: fc.double({ min: 40, max: 48, noNaN: true }),
    lat: fc.double({ min: 30, max: 37, noNaN: true }),
  };
}

export interface WorldSpec {
  orgs: number;
  jccs: number[][];
  groups: number[][];
}

/**
 * Run `run`'s world with codes of its own (so runs share one database): its organisations, JCCs
 * and groups, and the oracle of who may see what in it.
 */
export function sharingWorld(run: number, w: WorldSpec) {
  const orgs = Array.from({ length: w.orgs }, (_, i) => `r${run}-o${i}`);
  const org = (i: number) => orgs[i % orgs.length];
  const jccs = w.jccs.map((members, i) => ({ code: `r${run}-j${i}`, members: [...new Set(members.map(org))] }));
  const groups = w.groups.map((members, i) => ({ name: `r${run}-g${i}`, members: [...new Set(members.map(org))] }));
  const toRel = (r: RelSpec): Releasability =>
    r.scope === 'group' ? { scope: 'group', group: `r${run}-g${r.index}` } : { scope: r.scope };
  /** A JCC of the world by index (modulo the JCCs there are), or none. */
  const jccOf = (index: number | null): string | null =>
    index === null || jccs.length === 0 ? null : jccs[index % jccs.length].code;
  /** The incident as `spec` shares it, at `version`. */
  const shared = (i: UnsharedIncident, spec: SharingSpec, version: number): Incident => ({
    ...i,
    releasability: toRel(spec.releasability),
    tearline: spec.tearline && { releasability: toRel(spec.tearline), summary: 'sanitised' },
    version,
  });
  /**
   * Writes an incident shared as `r` says and, when `r` has a change, changes who may see it (version 2).
   * Returns the versions written, the last being the incident as it is now.
   */
  const writeShared = async (tx: Tx, i: UnsharedIncident, r: SharingSpec & { change: SharingSpec | null }) => {
    const first = shared(i, r, 1);
    await tx.incidents.insert(first);
    if (!r.change) return [first];
    const changed = shared(first, r.change, 2);
    await tx.incidents.update(changed, { action: 'incident.releasability' });
    return [first, changed];
  };
  /** Who is in the audience of a releasability, written out from the rules. */
  const audience = (r: Releasability, owner: string, jcc: string | null): Set<string> => {
    if (r.scope === 'org') return new Set([owner]);
    if (r.scope === 'coalition') return new Set([...orgs]);
    if (r.scope === 'group') return new Set([owner, ...(groups.find((g) => g.name === r.group)?.members ?? [])]);
    if (jcc !== null) return new Set([owner, ...(jccs.find((j) => j.code === jcc)?.members ?? [])]);
    return new Set([owner, ...jccs.filter((j) => j.members.includes(owner)).flatMap((j) => j.members)]);
  };
  /** What a viewer may see of an incident: all of it, its tearline, or nothing. */
  const expect = (i: Incident, viewer: string): 'record' | 'tearline' | 'none' => {
    if (audience(i.releasability, i.ownerOrg, i.jcc).has(viewer)) return 'record';
    if (i.tearline && audience(i.tearline.releasability, i.ownerOrg, i.jcc).has(viewer)) return 'tearline';
    return 'none';
  };
  /** Writes the world: its organisations, JCCs, sharing groups and a viewer (`<org>-viewer`) of each organisation. */
  const write = async (tx: Tx, passwordHash: string) => {
    for (const code of orgs) await tx.organisations.insert({ id: newId(), code, name: code, createdAt: tx.at });
    for (const j of jccs)
      await tx.jccs.insert({ id: newId(), ...j, name: j.code, aor: kirkukAor, createdAt: tx.at, updatedAt: tx.at });
    for (const g of groups)
      await tx.sharingGroups.insert({ ...g, ownerOrg: orgs[0], createdAt: tx.at, updatedAt: tx.at });
    for (const code of orgs) {
      await tx.users.insert({
        id: newId(),
        username: `${code}-viewer`,
        org: code,
        roles: ['viewer'],
        disabled: false,
        passwordHash,
        createdAt: tx.at,
        updatedAt: tx.at,
      });
    }
  };
  return { orgs, org, jccs, groups, toRel, jccOf, shared, writeShared, audience, expect, write };
}
