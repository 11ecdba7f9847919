import { invalid, SeamError } from '../domain/errors.ts';
import { type Organisation, orgCodePattern } from '../domain/organisation.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';

/** Adds an organisation (site set-up: the local operator at the CLI, or the demo loader). */
export async function addOrganisation(store: Store, code: string, name: string): Promise<Organisation> {
  if (!orgCodePattern.test(code))
    throw invalid('code', '2-32 lower-case letters, digits or "-", starting with a letter');
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw invalid('name', 'must be 1-200 characters');
  const org: Organisation = { id: newId(), code, name: trimmed, createdAt: store.now().toISOString() };
  await store.write(null, async (tx) => {
    if (await tx.organisations.find(code)) throw new SeamError('conflict', `organisation "${code}" already exists`);
    await tx.organisations.insert(org);
  });
  return org;
}
