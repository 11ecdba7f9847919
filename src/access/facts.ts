import type { RecordType } from '../domain/records/registry.ts';
import type { Memberships } from '../store/organisations.ts';
import type { Store } from '../store/store.ts';
import type { AccessFacts } from './policy.ts';

/** Record types whose changes alter who may see what. */
const membershipTypes: RecordType[] = ['organisation', 'jcc', 'sharing_group'];

function group(pairs: Array<[string, string]>, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const [k, v] of pairs) {
    let set = into.get(k);
    if (!set) {
      set = new Set();
      into.set(k, set);
    }
    set.add(v);
  }
  return into;
}

/** The access facts of the memberships the store holds. */
export function accessFactsOf(m: Memberships): AccessFacts {
  const jccs = group(m.jccMembers.map((r) => [r.jcc, r.org]));
  for (const code of m.jccs) if (!jccs.has(code)) jccs.set(code, new Set());
  return {
    jccMembers: jccs,
    groupMembers: group(m.groupMembers.map((r) => [r.group, r.org])),
    coalition: new Set(m.organisations),
  };
}

const cache = new WeakMap<Store, { version: number; facts: AccessFacts }>();

/**
 * The access facts of a store, reloaded whenever a membership changed since they were read —
 * by this process or another one writing to the same database (the change log tells).
 */
export async function accessFacts(store: Store): Promise<AccessFacts> {
  const version = await store.changeLog.lastSeqOf(membershipTypes);
  const hit = cache.get(store);
  if (hit && hit.version === version) return hit.facts;
  const facts = accessFactsOf(await store.memberships.load());
  cache.set(store, { version, facts });
  return facts;
}
