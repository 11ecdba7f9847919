import { invalid, SeamError } from '../domain/errors.ts';
import { type Organisation, orgCodePattern } from '../domain/organisation.ts';
import { newId } from '../store/ids.ts';
import { findOrganisation, insertOrganisation } from '../store/organisations.ts';
import type { Store } from '../store/store.ts';

/** Adds an organisation (site set-up: the local operator at the CLI, or the demo loader). */
export function addOrganisation(store: Store, code: string, name: string): Organisation {
  if (!orgCodePattern.test(code))
    throw invalid('code', '2-32 lower-case letters, digits or "-", starting with a letter');
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw invalid('name', 'must be 1-200 characters');
  if (findOrganisation(store.db, code)) throw new SeamError('conflict', `organisation "${code}" already exists`);
  const org: Organisation = { id: newId(), code, name: trimmed, createdAt: store.now().toISOString() };
  store.writes.write(null, (tx) => insertOrganisation(tx, org));
  return org;
}
