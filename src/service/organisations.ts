import { invalid, SeamError } from '../domain/errors.ts';
import { checkName } from '../domain/names.ts';
import { type Organisation, orgCodePattern } from '../domain/organisation.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';

function checked(field: string, value: string): string {
  const r = checkName(value);
  if ('problem' in r) throw invalid(field, r.problem);
  return r.name;
}

/**
 * Adds an organisation (site set-up: the local operator at the CLI, or the demo loader) with its English
 * name and, optionally, its Arabic and Central Kurdish names.
 */
export async function addOrganisation(
  store: Store,
  code: string,
  name: string,
  names: { ar?: string | null; ckb?: string | null } = {},
): Promise<Organisation> {
  if (!orgCodePattern.test(code))
    throw invalid('code', '2-32 lower-case letters, digits or "-", starting with a letter');
  const org: Organisation = {
    id: newId(),
    code,
    name: checked('name', name),
    nameAr: names.ar == null ? null : checked('name_ar', names.ar),
    nameCkb: names.ckb == null ? null : checked('name_ckb', names.ckb),
    createdAt: store.now().toISOString(),
  };
  await store.write(null, async (tx) => {
    if (await tx.organisations.find(code)) throw new SeamError('conflict', `organisation "${code}" already exists`);
    await tx.organisations.insert(org);
  });
  return org;
}
