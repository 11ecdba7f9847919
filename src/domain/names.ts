/** The languages a record's name can be given in: English (required), Arabic and Central Kurdish (Sorani). */
export const nameLanguages = ['en', 'ar', 'ckb'] as const;
export type NameLanguage = (typeof nameLanguages)[number];

/** A name in each language of the interface: English always; Arabic and Central Kurdish where one is known. */
export interface Names {
  en: string;
  ar: string | null;
  ckb: string | null;
}

export const maxNameLength = 200;

// Control characters and bidi overrides would let a name reorder the text around it on every screen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
const forbidden = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * A name as given (trimmed), or why it is refused: empty, over 200 characters, or holding control or
 * bidi-override characters.
 */
export function checkName(value: string): { name: string } | { problem: string } {
  const name = value.normalize('NFC').trim();
  if (name.length === 0) return { problem: 'is empty' };
  if (name.length > maxNameLength) return { problem: `is ${name.length} characters; at most ${maxNameLength}` };
  if (forbidden.test(name)) return { problem: 'holds a control or text-direction character' };
  return { name };
}

/** A record's name in each language of the interface: `en` always, `ar` and `ckb` null where none is known. */
export function namesOf(r: { name: string; nameAr?: string | null; nameCkb?: string | null }): Names {
  return { en: r.name, ar: r.nameAr ?? null, ckb: r.nameCkb ?? null };
}

/** The name to show a reader of `language`: theirs where there is one, otherwise English. */
export function nameIn(names: Names, language: string): string {
  if (language === 'ar') return names.ar ?? names.en;
  if (language === 'ckb') return names.ckb ?? names.en;
  return names.en;
}
