import { invalid, SeamError } from '../domain/errors.ts';
import type { Jcc } from '../domain/jcc.ts';
import { checkName } from '../domain/names.ts';
import type { Store } from '../store/store.ts';

function checked(field: string, value: string): string {
  const r = checkName(value);
  if ('problem' in r) throw invalid(field, r.problem);
  return r.name;
}

/**
 * Names a centre in English, Arabic or Central Kurdish (site set-up: the local operator at the CLI). A name left
 * undefined stays as it is; an empty Arabic or Kurdish name ("") removes it, so readers fall back to English.
 */
export async function renameJcc(
  store: Store,
  code: string,
  names: { en?: string; ar?: string; ckb?: string },
  actor: string | null = null,
): Promise<Jcc> {
  const jcc = await store.jccs.find(code);
  if (!jcc) throw new SeamError('not_found', `no JCC "${code}"`);
  const optional = (field: string, value: string | undefined, current: string | null | undefined) =>
    value === undefined ? (current ?? null) : value.trim() === '' ? null : checked(field, value);
  const next: Jcc = {
    ...jcc,
    name: names.en === undefined ? jcc.name : checked('name', names.en),
    nameAr: optional('name_ar', names.ar, jcc.nameAr),
    nameCkb: optional('name_ckb', names.ckb, jcc.nameCkb),
    updatedAt: store.now().toISOString(),
  };
  await store.write(actor, (tx) => tx.jccs.rename(next));
  return next;
}
