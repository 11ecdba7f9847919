import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useNames } from '../reference/names.tsx';
import { ActivityActions } from './activity-actions.tsx';
import {
  type ActivityNotice,
  type ActivityRecord,
  isNotice,
  myNotification,
  type NotificationRecord,
  ownedBy,
  type SeenActivity,
} from './activity-types.ts';
import { ConflictList, kindLabel, useWindowText } from './conflict-list.tsx';

interface Props {
  me: Me;
  activities: readonly SeenActivity[];
  loading: boolean;
  error: string | null;
  onChanged: (a: SeenActivity) => void;
  onShow: (a: SeenActivity) => void;
  /** The activity to bring into view (clicked on the map), asked for anew by each new `focusRequest`. */
  focusId?: string | null;
  focusRequest?: object | null;
}

/** One organisation's answer to a notification. */
function Answer({ n }: { n: NotificationRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  return (
    <li data-testid="notification" data-org={n.org ?? ''} data-status={n.status}>
      <strong>{n.org ? names.org(n.org) : t('common.unknown')}</strong>{' '}
      <span className={`status status-${n.status}`}>{t(`activities.answer.${n.status}`)}</span>
      {n.at && <span className="muted"> · {fmt.dateTime(n.at)}</span>}
      {n.escalated_at && <span className="muted"> · {t('activities.escalated')}</span>}
      {n.comment && (
        <q className="comment" data-testid="notification-comment">
          <bdi>{n.comment}</bdi>
        </q>
      )}
    </li>
  );
}

function WholeCard({ me, a }: { me: Me; a: ActivityRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const owner = ownedBy(a, me.org);
  const others = a.notifications.filter((n) => !a.owner_orgs.includes(n.org ?? ''));
  const awaiting = a.owner_orgs.filter((o) => !a.approvals.some((p) => p.org === o));
  return (
    <>
      <p>
        {a.owner_orgs.map((o) => names.org(o)).join(t('common.listSeparator'))}
        {a.joint && <span className="badge"> {t('activities.joint')}</span>} · <bdi>{a.unit}</bdi>
      </p>
      {a.jcc && <p className="muted">{t('activities.jcc', { jcc: names.jcc(a.jcc) })}</p>}
      {a.contact && (
        <p className="muted">
          {t('activities.contact')}: <bdi>{a.contact}</bdi>
        </p>
      )}
      {a.state !== 'draft' && (
        <details open={owner}>
          <summary>
            {t('activities.conflictCount', { n: fmt.number(a.conflicts.length + a.conflicts_omitted) })}
          </summary>
          <ConflictList conflicts={a.conflicts} omitted={a.conflicts_omitted} />
        </details>
      )}
      {owner && others.length > 0 && (
        <>
          <h4>{t('activities.answers')}</h4>
          <ul className="answers" data-testid="answers">
            {others.map((n, i) => (
              <Answer key={n.org ?? `hidden-${i}`} n={n} />
            ))}
          </ul>
        </>
      )}
      {a.joint && (
        <p className="muted" data-testid="approvals">
          {t('activities.approvals', {
            approved: a.approvals.map((p) => names.org(p.org)).join(t('common.listSeparator')) || t('common.none'),
          })}
          {awaiting.length > 0 &&
            ` · ${t('activities.awaitingApproval', { orgs: awaiting.map((o) => names.org(o)).join(t('common.listSeparator')) })}`}
        </p>
      )}
    </>
  );
}

function NoticeCard({ a }: { a: ActivityNotice }) {
  const { t } = useTranslation();
  const names = useNames();
  const windowText = useWindowText();
  return (
    <>
      <p className="muted">{t('activities.noticeOnly')}</p>
      {a.summary && (
        <p>
          <bdi>{a.summary}</bdi>
        </p>
      )}
      {a.jcc && <p className="muted">{t('activities.jcc', { jcc: names.jcc(a.jcc) })}</p>}
      {a.contact && (
        <p className="muted">
          {t('activities.contact')}: <bdi>{a.contact}</bdi>
        </p>
      )}
      {a.concerns.length > 0 && (
        <ul className="conflicts">
          {a.concerns.map((c) => (
            <li key={c.record_id}>
              {t('activities.concernsYours', { what: t(`activities.with.${c.with}`), overlap: windowText(c.overlap) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The activities of the reader's organisation and those it was notified of, each with its state, conflicts and answers. */
export function ActivityList({ me, activities, loading, error, onChanged, onShow, focusId, focusRequest }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const windowText = useWindowText();
  const [all, setAll] = useState(false);
  const shown = activities.filter(
    (a) => all || a.id === focusId || ownedBy(a, me.org) || myNotification(a, me.org) !== null,
  );
  const listRef = useRef<HTMLUListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new request brings the activity into view again
  useEffect(() => {
    if (!focusId) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(focusId)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
    el?.focus({ preventScroll: true });
  }, [focusRequest, focusId, activities.length]);
  return (
    <div className="activity-list" data-testid="activity-list">
      <label className="check">
        <input type="checkbox" checked={all} onChange={() => setAll((x) => !x)} data-testid="activities-all" />
        {t('activities.showAll')}
      </label>
      {error && (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      )}
      {loading && <p className="muted">{t('common.loading')}</p>}
      {!loading && shown.length === 0 && <p className="muted">{t('activities.none')}</p>}
      <ul className="activities" ref={listRef}>
        {shown.map((a) => {
          const mine = myNotification(a, me.org);
          const kind: string | null = a.kind;
          return (
            <li
              key={a.id}
              className={a.id === focusId ? 'activity focused' : 'activity'}
              data-testid="activity"
              data-id={a.id}
              data-state={a.state}
              tabIndex={-1}
            >
              <header>
                <strong>{kind ? kindLabel(t, kind) : t('activities.planned')}</strong>
                <span className={`state state-${a.state}`} data-testid="activity-state">
                  {t(`activities.states.${a.state}`)}
                </span>
              </header>
              <p>
                {windowText(a)}
                {a.recurrence && (
                  <> · {t('activities.daily', { until: fmt.date(`${a.recurrence.until}T12:00:00Z`) })}</>
                )}
              </p>
              {isNotice(a) ? <NoticeCard a={a} /> : <WholeCard me={me} a={a} />}
              {mine && !ownedBy(a, me.org) && (
                <p data-testid="my-notification" data-status={mine.status}>
                  {t('activities.yourAnswer', { answer: t(`activities.answer.${mine.status}`) })}
                </p>
              )}
              <ActivityActions me={me} activity={a} onChanged={onChanged} />
              {(!isNotice(a) || a.lon !== null) && (
                <button type="button" className="link" onClick={() => onShow(a)}>
                  {t('common.showOnMap')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
