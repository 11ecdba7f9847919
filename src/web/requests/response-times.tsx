import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DurationSummary } from '../../domain/response-times.ts';
import { api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { useNames } from '../reference/names.tsx';
import { durationText } from './request-labels.ts';
import type { RequestStats } from './request-types.ts';

/** Time to accept and to complete, median and 90th percentile, per responding organisation and per JCC (last 30 days). */
export function ResponseTimes({ version }: { version: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const [stats, setStats] = useState<RequestStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again whenever a request the board holds changes (a step, or one seen live)
  useEffect(() => {
    let live = true;
    api<RequestStats>('/api/v1/requests/stats').then(
      (s) => {
        if (!live) return;
        setStats(s);
        setError(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const time = (s: DurationSummary, key: 'median_s' | 'p90_s') =>
    s[key] === null ? '—' : durationText(t, fmt.number, s[key] as number);
  const rows = stats
    ? [
        ...stats.by_org.map((g) => ({ key: `org:${g.org}`, name: names.org(g.org), g })),
        ...stats.by_jcc.map((g) => ({ key: `jcc:${g.jcc}`, name: names.jcc(g.jcc), g })),
      ]
    : [];
  return (
    <section className="response-times" data-testid="response-times">
      <h3>{t('requests.stats.title')}</h3>
      {error && (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      )}
      {stats && rows.length === 0 && <p className="muted">{t('requests.stats.none')}</p>}
      {rows.map(({ key, name, g }) => (
        <div key={key} className="response-time" data-testid="response-time-row" data-key={key}>
          <h4>
            <bdi>{name}</bdi>{' '}
            <span className="count">{t('requests.stats.accepted', { n: fmt.number(g.requests) })}</span>
          </h4>
          <table>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('requests.stats.median')}</th>
                <th scope="col">{t('requests.stats.p90')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('requests.stats.toAccept')}</th>
                <td>{time(g.to_accept, 'median_s')}</td>
                <td>{time(g.to_accept, 'p90_s')}</td>
              </tr>
              <tr>
                <th scope="row">{t('requests.stats.toComplete')}</th>
                <td>{time(g.to_complete, 'median_s')}</td>
                <td>{time(g.to_complete, 'p90_s')}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ))}
      {stats && (
        <p className="muted">
          {t('requests.stats.period', { from: fmt.date(stats.since), to: fmt.date(stats.until) })}
        </p>
      )}
    </section>
  );
}
