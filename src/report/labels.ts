import type { SitrepLanguage } from '../domain/sitrep.ts';
import type { Labels } from './label-set.ts';
import { ar } from './labels-ar.ts';
import { ckb } from './labels-ckb.ts';
import { en } from './labels-en.ts';

const byLanguage: Record<SitrepLanguage, Labels> = { en, ar, ckb };

/** The words of a SITREP in one of its languages. */
export function labelsFor(lang: SitrepLanguage): Labels {
  return byLanguage[lang];
}
