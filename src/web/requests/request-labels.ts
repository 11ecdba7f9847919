import type { TFunction } from 'i18next';
import type { ReferenceNames } from '../reference/names.tsx';
import type { SupportRequest } from './request-types.ts';

/** Who the request is addressed to: an organisation, or a JCC. */
export function addresseeName(names: ReferenceNames, r: Pick<SupportRequest, 'addressed_org' | 'addressed_jcc'>) {
  return r.addressed_org !== null ? names.org(r.addressed_org) : names.jcc(r.addressed_jcc ?? '');
}

/** A span of seconds in words in the page's digits: "12 min", "3 h 5 min", "2 d 4 h". */
export function durationText(t: TFunction, number: (n: number) => string, seconds: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(seconds) / 60));
  if (minutes < 60) return t('requests.duration.m', { m: number(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('requests.duration.hm', { h: number(hours), m: number(minutes % 60) });
  return t('requests.duration.dh', { d: number(Math.floor(hours / 24)), h: number(hours % 24) });
}

/** The response deadline as time left, or how long overdue, at `now`. */
export function deadlineText(
  t: TFunction,
  number: (n: number) => string,
  r: Pick<SupportRequest, 'respond_by'>,
  now: number,
): string {
  const left = (Date.parse(r.respond_by) - now) / 1000;
  return left >= 0
    ? t('requests.timeLeft', { time: durationText(t, number, left) })
    : t('requests.overdueBy', { time: durationText(t, number, left) });
}
