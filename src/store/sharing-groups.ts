import type { Database } from './sqlite/database.ts';
import { prepared } from './sqlite/statements.ts';
import type { Tx } from './write-path.ts';

export interface SharingGroup {
  name: string;
  members: string[];
  createdAt: string;
}

export function insertSharingGroup(tx: Tx, group: SharingGroup): void {
  prepared(tx.db, 'INSERT INTO sharing_groups (name, created_at) VALUES (?, ?)').run(group.name, group.createdAt);
  const member = prepared(tx.db, 'INSERT INTO sharing_group_members (group_name, org) VALUES (?, ?)');
  for (const org of group.members) member.run(group.name, org);
  tx.change({
    recordType: 'sharing_group',
    recordId: group.name,
    op: 'create',
    releasability: 'coalition',
    data: group,
    audit: { action: 'sharing_group.create', detail: { members: group.members } },
  });
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
      members: members.get(String(r.name)) ?? [],
      createdAt: String(r.created_at),
    }));
}
