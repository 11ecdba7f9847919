import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { digitsOf } from '../i18n/i18n.ts';

/** Local date and time as `YYYY-MM-DDTHH:mm` (the form `toLocalInput` writes and `fromLocalInput` reads). */
interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string | undefined;
  /** How many years back the year list reaches. */
  yearsBack?: number;
  /** How many years ahead it reaches (for plans). */
  yearsAhead?: number;
}

type Part = 'day' | 'month' | 'year' | 'hour' | 'minute';

const pad = (n: number) => String(n).padStart(2, '0');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const daysIn = (year: number, month: number) => new Date(year, month, 0).getDate();

function parse(value: string): Record<Part, number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  const now = new Date();
  if (!m)
    return {
      year: now.getFullYear(),
      month: now.getMonth() + 1,
      day: now.getDate(),
      hour: now.getHours(),
      minute: now.getMinutes(),
    };
  return { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] };
}

/**
 * Date and time as separate lists drawn in the page's language (its digits, its month names as used in Iraq, its
 * date order, a 24-hour clock) rather than the browser's own date picker, which follows the browser's locale and not the page's.
 */
export function DateTimeField({ id, value, onChange, invalid, describedBy, yearsBack = 5, yearsAhead = 0 }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const numberingSystem = digitsOf(i18n.language);
  const v = parse(value);
  const thisYear = new Date().getFullYear();
  const twoDigits = new Intl.NumberFormat(fmt.locale, { numberingSystem, minimumIntegerDigits: 2, useGrouping: false });
  const plain = new Intl.NumberFormat(fmt.locale, { numberingSystem, useGrouping: false });
  const order = new Intl.DateTimeFormat(fmt.locale, { year: 'numeric', month: 'long', day: 'numeric' })
    .formatToParts(new Date(2000, 0, 2))
    .map((p) => p.type)
    .filter((p): p is 'day' | 'month' | 'year' => p === 'day' || p === 'month' || p === 'year');

  function set(part: Part, n: number) {
    const next = { ...v, [part]: n };
    next.day = Math.min(next.day, daysIn(next.year, next.month));
    onChange(`${next.year}-${pad(next.month)}-${pad(next.day)}T${pad(next.hour)}:${pad(next.minute)}`);
  }

  const options: Record<Part, Array<[number, string]>> = {
    day: range(1, daysIn(v.year, v.month)).map((d) => [d, plain.format(d)]),
    month: range(1, 12).map((m) => [m, t(`report.when.months.m${m}`)]),
    year: range(Math.min(v.year, thisYear - yearsBack), Math.max(v.year, thisYear + yearsAhead))
      .reverse()
      .map((y) => [y, plain.format(y)]),
    hour: range(0, 23).map((h) => [h, twoDigits.format(h)]),
    minute: range(0, 59).map((m) => [m, twoDigits.format(m)]),
  };

  const select = (part: Part) => (
    <select
      key={part}
      id={part === order[0] ? id : `${id}-${part}`}
      value={v[part]}
      onChange={(e) => set(part, Number(e.target.value))}
      aria-label={t(`report.when.${part}`)}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      data-testid={`${id}-${part}`}
    >
      {options[part].map(([n, label]) => (
        <option key={n} value={n}>
          {label}
        </option>
      ))}
    </select>
  );

  return (
    <div className="date-time" data-testid={id} data-value={value}>
      <span className="date-parts">{order.map(select)}</span>
      <span className="time-parts" dir="ltr">
        {select('hour')}
        <span aria-hidden="true">:</span>
        {select('minute')}
      </span>
    </div>
  );
}
