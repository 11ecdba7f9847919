import { useTranslation } from 'react-i18next';
import { digitsOf, localeOf } from './i18n.ts';

/**
 * A date formatter that writes the page's own month names (as used in Iraq) and digits even where the
 * browser has no calendar data for the language (Central Kurdish): Intl then falls back to English month
 * names, so the month part is replaced with the translated name.
 */
function dateFormatter(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  monthName: ((month: number) => string) | null,
): (d: Date) => string {
  const f = new Intl.DateTimeFormat(locale, options);
  if (!monthName) return (d) => f.format(d);
  return (d) =>
    f
      .formatToParts(d)
      .map((p) => (p.type === 'month' ? monthName(d.getMonth() + 1) : p.value))
      .join('');
}

/** Formatters for dates, times and numbers in the interface's locale, with its digits and month names. */
export function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const numberingSystem = digitsOf(i18n.language);
  const hasCalendar = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  const monthName = hasCalendar ? null : (m: number) => t(`report.when.months.m${m}`);
  const day = { numberingSystem, day: 'numeric', month: 'short', year: 'numeric' } as const;
  const dateTime = dateFormatter(locale, { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, monthName);
  const date = dateFormatter(locale, day, monthName);
  const shortDate = dateFormatter(locale, { numberingSystem, day: 'numeric', month: 'short' }, monthName);
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (value: number, digits = 0) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { numberingSystem, maximumFractionDigits: digits, minimumFractionDigits: 0 });
      numbers.set(digits, f);
    }
    return f.format(value);
  };
  const percent = new Intl.NumberFormat(locale, { numberingSystem, style: 'percent', maximumFractionDigits: 1 });
  return {
    locale,
    numberingSystem,
    dateTime: (iso: string) => dateTime(new Date(iso)),
    date: (iso: string) => date(new Date(iso)),
    shortDate: (iso: string | Date) => shortDate(typeof iso === 'string' ? new Date(iso) : iso),
    number,
    percent: (share: number) => percent.format(share),
  };
}
