import { invalid, SeamError } from '../domain/errors.ts';
import type { ReleasedRecordType } from '../domain/records/registry.ts';
import { parseReleasability } from '../domain/releasability.ts';
import { requirePermission } from '../domain/roles.ts';
import { listOrganisations } from '../store/organisations.ts';
import { listReleasabilityDefaults, upsertReleasabilityDefault } from '../store/releasability-defaults.ts';
import {
  findSharingGroup,
  insertSharingGroup,
  listSharingGroups,
  type SharingGroup,
  updateSharingGroupMembers,
} from '../store/sharing-groups.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

const groupName = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Record types that carry a releasability an organisation can set a default for. */
export const defaultableRecordTypes = ['incident', 'presence'] as const satisfies readonly ReleasedRecordType[];

function requireAdmin(actor: Actor | null): void {
  if (actor === null) return;
  requirePermission(actor.roles, 'sharing:manage');
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

function checkMembers(store: Store, members: string[]): string[] {
  const known = new Set(listOrganisations(store.db).map((o) => o.code));
  const unknown = members.filter((m) => !known.has(m));
  if (unknown.length > 0) throw invalid('members', `no organisation ${unknown.map((u) => `"${u}"`).join(', ')}`);
  if (members.length === 0) throw invalid('members', 'a group needs at least one organisation');
  return [...new Set(members)].sort();
}

/** Creates a sharing group owned by the administrator's organisation (or by none, for the local operator). */
export function createSharingGroup(store: Store, actor: Actor | null, name: string, members: string[]): SharingGroup {
  requireAdmin(actor);
  if (!groupName.test(name)) throw invalid('name', '1-64 lower-case letters, digits, "-" or "_"');
  const clean = checkMembers(store, members);
  if (findSharingGroup(store.db, name)) throw new SeamError('conflict', `sharing group "${name}" already exists`);
  const at = store.now().toISOString();
  const group: SharingGroup = { name, ownerOrg: actor?.org ?? null, members: clean, createdAt: at, updatedAt: at };
  store.writes.write(actor?.userId ?? null, (tx) => insertSharingGroup(tx, group));
  return group;
}

/** Replaces a group's members: only administrators of the organisation that owns it. */
export function setSharingGroupMembers(
  store: Store,
  actor: Actor | null,
  name: string,
  members: string[],
): SharingGroup {
  requireAdmin(actor);
  const group = findSharingGroup(store.db, name);
  if (!group) throw new SeamError('not_found', `no sharing group "${name}"`);
  if (actor !== null && group.ownerOrg !== actor.org) {
    throw new SeamError('forbidden', `sharing group "${name}" is managed by ${group.ownerOrg ?? 'the site operator'}`);
  }
  const after = { ...group, members: checkMembers(store, members), updatedAt: store.now().toISOString() };
  store.writes.write(actor?.userId ?? null, (tx) => updateSharingGroupMembers(tx, after, group.members));
  return after;
}

export function sharingGroups(store: Store): SharingGroup[] {
  return listSharingGroups(store.db);
}

/** Sets the releasability an organisation's new records of a type get when none is given. */
export function setReleasabilityDefault(
  store: Store,
  actor: Actor | null,
  org: string,
  recordType: string,
  releasability: string,
): void {
  requireAdmin(actor);
  if (actor !== null && actor.org !== org)
    throw new SeamError('forbidden', 'administrators set their own organisation’s defaults');
  if (!(defaultableRecordTypes as readonly string[]).includes(recordType)) {
    throw invalid('record_type', `one of ${defaultableRecordTypes.join(', ')}`);
  }
  parseReleasability(releasability);
  if (!listOrganisations(store.db).some((o) => o.code === org)) throw invalid('org', `no organisation "${org}"`);
  store.writes.write(actor?.userId ?? null, (tx) => upsertReleasabilityDefault(tx, org, recordType, releasability));
}

export function releasabilityDefaults(store: Store, org: string) {
  return listReleasabilityDefaults(store.db, org);
}
