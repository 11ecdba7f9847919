import type { CasualtyCounts } from '../domain/incident.ts';
import type { NameSet, SitrepLanguage } from '../domain/sitrep.ts';
import type { CountsText, Labels } from './label-set.ts';

/** Every time in a report is Baghdad time, 24-hour, and the report says so once in its heading. */
const timeZone = 'Asia/Baghdad';

/** Dates, times and numbers written in a report's language and digits. */
export interface ReportFormat {
  number(value: number, fractionDigits?: number): string;
  /** A change from a previous figure, with its sign; zero as the plain digit. */
  change(value: number): string;
  percent(share: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  shortDate(iso: string): string;
  /** Day, month and time, for tables: the heading gives the year and the zone. */
  shortDateTime(iso: string): string;
  duration(seconds: number | null): string;
  counts(c: CasualtyCounts): CountsText;
  /** A name in the report's language, else in English. */
  name(n: NameSet | null | undefined, fallback?: string): string;
  list(items: string[]): string;
}

/** The formatters of one language (Node's ICU has the Iraqi month names of ar-IQ and ckb-IQ). */
export function reportFormat(lang: SitrepLanguage, labels: Labels): ReportFormat {
  const { locale, digits: numberingSystem } = labels;
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (value: number, fractionDigits = 0): string => {
    let f = numbers.get(fractionDigits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { numberingSystem, maximumFractionDigits: fractionDigits });
      numbers.set(fractionDigits, f);
    }
    return f.format(value);
  };
  const signed = new Intl.NumberFormat(locale, {
    numberingSystem,
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale, { numberingSystem, style: 'percent', maximumFractionDigits: 1 });
  // CLDR spells some Sorani months unlike the web app (کانونی یەکەم, تەمووز): the report uses the
  // app's names, so a reader meets one spelling; the month part alone is replaced, grammar kept.
  const monthOf = new Intl.DateTimeFormat('en', { timeZone, month: 'numeric' });
  const months = labels.months;
  const write = (f: Intl.DateTimeFormat) => (iso: string) => {
    const d = new Date(iso);
    if (!months) return f.format(d);
    const m = Number(monthOf.format(d));
    return f
      .formatToParts(d)
      .map((p) => (p.type === 'month' ? (months[m - 1] ?? p.value) : p.value))
      .join('');
  };
  const day = { timeZone, numberingSystem, day: 'numeric', month: 'long', year: 'numeric' } as const;
  const dateTime = new Intl.DateTimeFormat(locale, { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(locale, day);
  const shortDateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    numberingSystem,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const shortDate = new Intl.DateTimeFormat(locale, { timeZone, numberingSystem, day: 'numeric', month: 'short' });
  const duration = (seconds: number | null): string => {
    if (seconds === null) return '–';
    const minutes = Math.round(seconds / 60);
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    const parts: string[] = [];
    if (d > 0) parts.push(`${number(d)} ${labels.days}`);
    if (h > 0) parts.push(`${number(h)} ${labels.hours}`);
    if (m > 0 || parts.length === 0) parts.push(`${number(m)} ${labels.minutes}`);
    return parts.join(' ');
  };
  return {
    number,
    change: (value) => signed.format(value),
    percent: (share) => percent.format(share),
    dateTime: write(dateTime),
    date: write(date),
    shortDate: write(shortDate),
    // Joined by no-break spaces, so a time in a narrow table column never breaks inside itself.
    shortDateTime: (iso) => write(shortDateTime)(iso).replace(/ /g, '\u00A0'),
    duration,
    counts: (c) => ({ killed: number(c.killed), wounded: number(c.wounded), abducted: number(c.abducted) }),
    name: (n, fallback = '') => (n ? (lang === 'en' ? n.en : (n[lang] ?? n.en)) : fallback),
    list: (items) => items.join(labels.listSeparator),
  };
}
