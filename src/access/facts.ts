import type { RecordType } from '../domain/records/registry.ts';
import { lastSeqOf } from '../store/change-log.ts';
import type { Database } from '../store/sqlite/database.ts';
import { prepared } from '../store/sqlite/statements.ts';
import type { Store } from '../store/store.ts';
import type { AccessFacts } from './policy.ts';

/** Record types whose changes alter who may see what. */
const membershipTypes: RecordType[] = ['organisation', 'jcc', 'sharing_group'];

function group(rows: Record<string, unknown>[], key: string, value: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = String(r[key]);
    let set = out.get(k);
    if (!set) {
      set = new Set();
      out.set(k, set);
    }
    set.add(String(r[value]));
  }
  return out;
}

/** Reads the memberships the access policy needs from the database. */
export function loadAccessFacts(db: Database): AccessFacts {
  const jccs = group(prepared(db, 'SELECT jcc, org FROM jcc_members').all(), 'jcc', 'org');
  for (const r of prepared(db, 'SELECT code FROM jccs').all())
    if (!jccs.has(String(r.code))) jccs.set(String(r.code), new Set());
  return {
    jccMembers: jccs,
    groupMembers: group(prepared(db, 'SELECT group_name, org FROM sharing_group_members').all(), 'group_name', 'org'),
    coalition: new Set(
      prepared(db, 'SELECT code FROM organisations')
        .all()
        .map((r) => String(r.code)),
    ),
  };
}

const cache = new WeakMap<Store, { version: number; facts: AccessFacts }>();

/**
 * The access facts of a store, reloaded whenever a membership changed since they were read —
 * by this process or another one writing to the same database (the change log tells).
 */
export function accessFacts(store: Store): AccessFacts {
  const version = lastSeqOf(store.db, membershipTypes);
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.facts;
  const facts = loadAccessFacts(store.db);
  cache.set(store, { version, facts });
  return facts;
}
