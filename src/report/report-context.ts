import type { Sitrep, SitrepLanguage, SitrepPlace } from '../domain/sitrep.ts';
import { typed } from './document.ts';
import type { ReportFormat } from './format.ts';
import type { Labels } from './label-set.ts';

/** What every section builder needs: the report, its words and its formatters. */
export interface Ctx {
  s: Sitrep;
  lang: SitrepLanguage;
  L: Labels;
  f: ReportFormat;
  /** Isolates a left-to-right span (MGRS, a signed figure) in a right-to-left report; nothing in English. */
  ltr: (text: string) => string;
  /** Names and typed text as their own direction inside a right-to-left report; in English only cleaned. */
  iso: (text: string) => string;
}

/** An organisation's name in the report's language, else its code. */
export function orgName(c: Ctx, code: string): string {
  return c.iso(c.f.name(c.s.content.orgNames[code], code));
}

/** A place as its name (where known) and its MGRS. */
export function placeText(c: Ctx, p: SitrepPlace): string {
  const name = p.name ? c.iso(c.f.name(p.name)) : '';
  const mgrs = c.ltr(typed(p.mgrs));
  return name ? `${name} (${mgrs})` : mgrs;
}

/** A figure with its change from the previous period: `5 (+2)`. */
export function withChange(c: Ctx, count: number, previous: number): string {
  return `${c.f.number(count)} (${c.ltr(c.f.change(count - previous))})`;
}
