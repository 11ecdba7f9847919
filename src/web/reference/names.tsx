import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { nameIn } from '../../domain/names.ts';
import type { Boundary, Jcc, Organisation } from '../api/types.ts';
import { localName } from '../map/place-labels.ts';

/** The names of the site's organisations and centres in the reader's language (English where none is given). */
export interface ReferenceNames {
  org(code: string): string;
  jcc(code: string): string;
  /** A governorate's or district's name by P-code, as the map writes it; `fallback` (the English name) where none is loaded. */
  area(pcode: string | null, fallback: string | null): string | null;
}

interface Known {
  orgs: readonly Organisation[];
  jccs: readonly Jcc[];
  boundaries: readonly Boundary[];
}

const NamesContext = createContext<Known>({ orgs: [], jccs: [], boundaries: [] });

/** Makes the organisations, centres and boundaries the picture loaded known to every panel below it. */
export function NamesProvider(props: Known & { children: ReactNode }) {
  const value = useMemo(
    () => ({ orgs: props.orgs, jccs: props.jccs, boundaries: props.boundaries }),
    [props.orgs, props.jccs, props.boundaries],
  );
  return <NamesContext.Provider value={value}>{props.children}</NamesContext.Provider>;
}

/** Names in the interface's language; a code nothing names yet (still loading) shows as the code in capitals. */
export function useNames(): ReferenceNames {
  const { i18n } = useTranslation();
  const { orgs, jccs, boundaries } = useContext(NamesContext);
  const language = i18n.language;
  return useMemo(() => {
    const orgNames = new Map(
      orgs.map((o) => [o.code, nameIn(o.names ?? { en: o.name, ar: null, ckb: null }, language)]),
    );
    const jccNames = new Map(
      jccs.map((j) => [j.code, nameIn(j.names ?? { en: j.name, ar: null, ckb: null }, language)]),
    );
    const areaNames = new Map(
      boundaries.map((b) => [
        b.properties.pcode,
        localName({ en: b.properties.name_en, ar: b.properties.name_ar }, language),
      ]),
    );
    return {
      org: (code) => orgNames.get(code) ?? code.toUpperCase(),
      jcc: (code) => jccNames.get(code) ?? code.toUpperCase(),
      area: (pcode, fallback) => (pcode === null ? fallback : (areaNames.get(pcode)?.text ?? fallback)),
    };
  }, [orgs, jccs, boundaries, language]);
}

/** One option per centre for a select: its code (after `valuePrefix`) the value, its name in the interface's language the label. */
export function JccOptions({ jccs, valuePrefix = '' }: { jccs: readonly Pick<Jcc, 'code'>[]; valuePrefix?: string }) {
  const names = useNames();
  return (
    <>
      {jccs.map((j) => (
        <option key={j.code} value={`${valuePrefix}${j.code}`}>
          {names.jcc(j.code)}
        </option>
      ))}
    </>
  );
}
