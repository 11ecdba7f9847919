import { invalid } from './errors.ts';

/**
 * Who may see a record: its owner organisation only; the member organisations of its JCC;
 * every organisation of the coalition; or a named sharing group of organisations.
 */
export type Releasability =
  | { scope: 'org' }
  | { scope: 'partners' }
  | { scope: 'coalition' }
  | { scope: 'group'; group: string };

const groupName = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Parses the wire form `org` | `partners` | `coalition` | `group:<name>`. */
export function parseReleasability(value: string, field = 'releasability'): Releasability {
  if (value === 'org' || value === 'partners' || value === 'coalition') return { scope: value };
  if (value.startsWith('group:')) {
    const group = value.slice('group:'.length);
    if (groupName.test(group)) return { scope: 'group', group };
    throw invalid(field, `group name "${group}" must be 1-64 lower-case letters, digits, '-' or '_'`);
  }
  throw invalid(field, `expected org, partners, coalition or group:<name>, got "${value}"`);
}

/** The wire form of a releasability. */
export function formatReleasability(r: Releasability): string {
  return r.scope === 'group' ? `group:${r.group}` : r.scope;
}

/** Orders scopes from narrowest to widest (a group counts as between partners and coalition). */
export function releasabilityBreadth(r: Releasability): number {
  return { org: 0, partners: 1, group: 2, coalition: 3 }[r.scope];
}
