import { invalid, SeamError } from '../domain/errors.ts';
import type { ReleasedRecordType } from '../domain/records/registry.ts';
import { parseReleasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import type { SharingGroup } from '../store/sharing-groups.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

const groupName = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Record types that carry a releasability an organisation can set a default for. */
export const defaultableRecordTypes = [
  'incident',
  'presence',
  'geochat',
] as const satisfies readonly ReleasedRecordType[];

function requireAdmin(actor: Actor | null): void {
  if (actor === null) return;
  requirePermission(actor.roles, 'sharing:manage');
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

function checkMembers(known: Set<string>, members: string[]): string[] {
  const unknown = members.filter((m) => !known.has(m));
  if (unknown.length > 0) throw invalid('members', `no organisation ${unknown.map((u) => `"${u}"`).join(', ')}`);
  if (members.length === 0) throw invalid('members', 'a group needs at least one organisation');
  return [...new Set(members)].sort();
}

/** Creates a sharing group owned by the administrator's organisation (or by none, for the local operator). */
export async function createSharingGroup(
  store: Store,
  actor: Actor | null,
  name: string,
  members: string[],
): Promise<SharingGroup> {
  requireAdmin(actor);
  if (!groupName.test(name)) throw invalid('name', '1-64 lower-case letters, digits, "-" or "_"');
  return store.write(actor?.userId ?? null, async (tx) => {
    const clean = checkMembers(await organisationCodes(tx), members);
    if (await tx.sharingGroups.find(name)) throw new SeamError('conflict', `sharing group "${name}" already exists`);
    const group: SharingGroup = {
      name,
      ownerOrg: actor?.org ?? null,
      members: clean,
      createdAt: tx.at,
      updatedAt: tx.at,
    };
    await tx.sharingGroups.insert(group);
    return group;
  });
}

async function organisationCodes(reads: Pick<Store, 'organisations'>): Promise<Set<string>> {
  return new Set((await reads.organisations.list()).map((o) => o.code));
}

/** Replaces a group's members: only administrators of the organisation that owns it. */
export async function setSharingGroupMembers(
  store: Store,
  actor: Actor | null,
  name: string,
  members: string[],
): Promise<SharingGroup> {
  requireAdmin(actor);
  return store.write(actor?.userId ?? null, async (tx) => {
    const group = await tx.sharingGroups.find(name);
    if (!group) throw new SeamError('not_found', `no sharing group "${name}"`);
    if (actor !== null && group.ownerOrg !== actor.org) {
      throw new SeamError(
        'forbidden',
        `sharing group "${name}" is managed by ${group.ownerOrg ?? 'the site operator'}`,
      );
    }
    const after = { ...group, members: checkMembers(await organisationCodes(tx), members), updatedAt: tx.at };
    await tx.sharingGroups.updateMembers(after, group.members);
    return after;
  });
}

export function sharingGroups(store: Store): Promise<SharingGroup[]> {
  return store.sharingGroups.list();
}

/** Sets the releasability an organisation's new records of a type get when none is given. */
export async function setReleasabilityDefault(
  store: Store,
  actor: Actor | null,
  org: string,
  recordType: string,
  releasability: string,
): Promise<void> {
  requireAdmin(actor);
  if (actor !== null && actor.org !== org)
    throw new SeamError('forbidden', 'administrators set their own organisation’s defaults');
  if (!(defaultableRecordTypes as readonly string[]).includes(recordType)) {
    throw invalid('record_type', `one of ${defaultableRecordTypes.join(', ')}`);
  }
  parseReleasability(releasability);
  if (!(await store.organisations.find(org))) throw invalid('org', `no organisation "${org}"`);
  await store.write(actor?.userId ?? null, (tx) => tx.releasabilityDefaults.upsert(org, recordType, releasability));
}

export function releasabilityDefaults(store: Store, org: string) {
  return store.releasabilityDefaults.list(org);
}
