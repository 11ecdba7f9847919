import { recordChange } from '../record-change.ts';
import type { SharingGroup } from '../sharing-groups.ts';
import type { Database } from './database.ts';
import type { SqliteTx } from './sqlite-tx.ts';
import { prepared } from './statements.ts';

function writeMembers(tx: SqliteTx, group: SharingGroup): void {
  prepared(tx.db, 'DELETE FROM sharing_group_members WHERE group_name = ?').run(group.name);
  const member = prepared(tx.db, 'INSERT INTO sharing_group_members (group_name, org) VALUES (?, ?)');
  for (const org of group.members) member.run(group.name, org);
}

export function insertSharingGroup(tx: SqliteTx, group: SharingGroup): void {
  prepared(tx.db, 'INSERT INTO sharing_groups (name, owner_org, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
    group.name,
    group.ownerOrg,
    group.createdAt,
    group.updatedAt,
  );
  writeMembers(tx, group);
  tx.change(
    recordChange('sharing_group', group, 'create', {
      action: 'sharing_group.create',
      detail: { members: group.members },
    }),
  );
}

/** Replaces the members of a group. */
export function updateSharingGroupMembers(tx: SqliteTx, group: SharingGroup, before: string[]): void {
  prepared(tx.db, 'UPDATE sharing_groups SET updated_at = ? WHERE name = ?').run(group.updatedAt, group.name);
  writeMembers(tx, group);
  tx.change(
    recordChange('sharing_group', group, 'update', {
      action: 'sharing_group.members',
      detail: { before, after: group.members },
    }),
  );
}

export function listSharingGroups(db: Database): SharingGroup[] {
  const members = new Map<string, string[]>();
  for (const r of prepared(db, 'SELECT group_name, org FROM sharing_group_members ORDER BY org').all()) {
    const list = members.get(String(r.group_name)) ?? [];
    list.push(String(r.org));
    members.set(String(r.group_name), list);
  }
  return prepared(db, 'SELECT * FROM sharing_groups ORDER BY name')
    .all()
    .map((r) => ({
      name: String(r.name),
      ownerOrg: (r.owner_org as string | null) ?? null,
      members: members.get(String(r.name)) ?? [],
      createdAt: String(r.created_at),
      updatedAt: String(r.updated_at ?? r.created_at),
    }));
}

export function findSharingGroup(db: Database, name: string): SharingGroup | null {
  return listSharingGroups(db).find((g) => g.name === name) ?? null;
}
