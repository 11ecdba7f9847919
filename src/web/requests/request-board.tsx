import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { awaitsResponse } from '../../domain/support-request.ts';
import { useFormat } from '../i18n/format.ts';
import { useNames } from '../reference/names.tsx';
import { addresseeName, deadlineText } from './request-labels.ts';
import { boardOf, overdueAt } from './request-rules.ts';
import type { SupportRequest } from './request-types.ts';

interface Props {
  requests: readonly SupportRequest[];
  now: number;
  loading: boolean;
  onOpen: (id: string) => void;
}

/** The requests board: one group per state, overdue requests first and flagged, each with its deadline. */
export function RequestBoard({ requests, now, loading, onOpen }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const board = useMemo(() => boardOf(requests, now), [requests, now]);
  const overdue = requests.filter((r) => overdueAt(r, now)).length;

  if (loading && requests.length === 0) return <p className="muted">{t('common.loading')}</p>;
  if (requests.length === 0)
    return (
      <p className="muted" data-testid="requests-empty">
        {t('requests.none')}
      </p>
    );
  return (
    <div className="request-board" data-testid="request-board">
      {overdue > 0 && (
        <p className="overdue-summary" role="status" data-testid="requests-overdue">
          {t('requests.overdueCount', { n: fmt.number(overdue) })}
        </p>
      )}
      {board.map((group) => (
        <section key={group.state} className="request-group" data-testid={`request-group-${group.state}`}>
          <h3>
            {t(`requests.states.${group.state}`)} <span className="count">({fmt.number(group.items.length)})</span>
          </h3>
          <ul className="request-list">
            {group.items.map((r) => {
              const late = overdueAt(r, now);
              return (
                <li key={r.id}>
                  <button
                    type="button"
                    className={`request-item priority-${r.priority}${late ? ' overdue' : ''}`}
                    onClick={() => onOpen(r.id)}
                    data-testid="request-item"
                    data-id={r.id}
                    data-state={r.state}
                    data-overdue={late ? 'true' : 'false'}
                  >
                    <span className="request-title">
                      <span className={`priority-badge ${r.priority}`}>{t(`requests.priorities.${r.priority}`)}</span>{' '}
                      <strong>{t(`requests.kinds.${r.kind}`)}</strong>
                      {late && <span className="overdue-flag">{t('requests.overdue')}</span>}
                    </span>
                    <span className="request-route">
                      {t('requests.route', {
                        from: `\u2068${names.org(r.requester_org)}\u2069`,
                        to: `\u2068${addresseeName(names, r)}\u2069`,
                      })}
                    </span>
                    <span className="request-when">
                      {awaitsResponse(r.state)
                        ? deadlineText(t, fmt.number, r, now)
                        : t('requests.neededAt', { time: fmt.dateTime(r.needed_at) })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
