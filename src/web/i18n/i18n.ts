import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import ckb from './locales/ckb.json';
import en from './locales/en.json';

/** The languages of the interface: English, Arabic and Central Kurdish (Sorani). */
export const languages = [
  { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB', digits: 'latn' },
  { code: 'ar', name: 'العربية', dir: 'rtl', locale: 'ar-IQ', digits: 'arab' },
  { code: 'ckb', name: 'کوردی', dir: 'rtl', locale: 'ckb-IQ', digits: 'arab' },
] as const;

export type Language = (typeof languages)[number]['code'];

const storageKey = 'seam.language';

function isLanguage(code: string | null | undefined): code is Language {
  return languages.some((l) => l.code === code);
}

/** The remembered choice, else the browser's first language Seam speaks, else English. */
function initialLanguage(): Language {
  const stored = readStored();
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** The Intl locale of a language, for dates and numbers. */
export function localeOf(code: string): string {
  return languages.find((l) => l.code === code)?.locale ?? 'en-GB';
}

/** The language's digits (a numbering system), named so they show even where the browser lacks the language's data. */
export function digitsOf(code: string): string {
  return (languages.find((x) => x.code === code) ?? languages[0]).digits;
}

function applyToDocument(code: Language): void {
  const lang = languages.find((l) => l.code === code)!;
  document.documentElement.lang = code;
  document.documentElement.dir = lang.dir;
}

/** Switches the interface language, its direction, and remembers the choice. */
export async function setLanguage(code: Language): Promise<void> {
  await i18next.changeLanguage(code);
  applyToDocument(code);
  try {
    localStorage.setItem(storageKey, code);
  } catch {
    // A browser that refuses storage still switches; the choice just is not remembered.
  }
}

const first = initialLanguage();
await i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ar: { translation: ar }, ckb: { translation: ckb } },
  lng: first,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(first);
