import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nameIn } from '../../domain/names.ts';
import type { Jcc, Organisation } from '../api/types.ts';

/** The names of the site's organisations and centres in the reader's language (English where none is given). */
export interface ReferenceNames {
  org(code: string): string;
  jcc(code: string): string;
}

const NamesContext = createContext<{ orgs: readonly Organisation[]; jccs: readonly Jcc[] }>({ orgs: [], jccs: [] });

/** Makes the organisations and centres the picture loaded known to every panel below it. */
export function NamesProvider(props: { orgs: readonly Organisation[]; jccs: readonly Jcc[]; children: ReactNode }) {
  const value = useMemo(() => ({ orgs: props.orgs, jccs: props.jccs }), [props.orgs, props.jccs]);
  return <NamesContext.Provider value={value}>{props.children}</NamesContext.Provider>;
}

/** Names in the interface's language; a code nothing names yet (still loading) shows as the code in capitals. */
export function useNames(): ReferenceNames {
  const { i18n } = useTranslation();
  const { orgs, jccs } = useContext(NamesContext);
  const language = i18n.language;
  return useMemo(() => {
    const orgNames = new Map(
      orgs.map((o) => [o.code, nameIn(o.names ?? { en: o.name, ar: null, ckb: null }, language)]),
    );
    const jccNames = new Map(
      jccs.map((j) => [j.code, nameIn(j.names ?? { en: j.name, ar: null, ckb: null }, language)]),
    );
    return {
      org: (code) => orgNames.get(code) ?? code.toUpperCase(),
      jcc: (code) => jccNames.get(code) ?? code.toUpperCase(),
    };
  }, [orgs, jccs, language]);
}
