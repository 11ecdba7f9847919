import type { Memberships } from '../organisations.ts';
import type { Database } from './database.ts';
import { prepared } from './statements.ts';

/** Who belongs to which JCC and sharing group, and which organisations exist. */
export function loadMemberships(db: Database): Memberships {
  return {
    organisations: prepared(db, 'SELECT code FROM organisations')
      .all()
      .map((r) => String(r.code)),
    jccs: prepared(db, 'SELECT code FROM jccs')
      .all()
      .map((r) => String(r.code)),
    jccMembers: prepared(db, 'SELECT jcc, org FROM jcc_members')
      .all()
      .map((r) => ({ jcc: String(r.jcc), org: String(r.org) })),
    groupMembers: prepared(db, 'SELECT group_name, org FROM sharing_group_members')
      .all()
      .map((r) => ({ group: String(r.group_name), org: String(r.org) })),
  };
}
