import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { myNotification, ownedBy, type SeenActivity } from './activity-types.ts';

const answerable = ['notified', 'acknowledged', 'conflict_raised'];

interface Props {
  me: Me;
  activity: SeenActivity;
  onChanged: (a: SeenActivity) => void;
}

/** What the reader's organisation may do with an activity: answer its notification, approve it, or move it on. */
export function ActivityActions({ me, activity: a, onChanged }: Props) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = myNotification(a, me.org);
  const owner = ownedBy(a, me.org);
  const canAnswer = !owner && mine !== null && answerable.includes(a.state);
  const canApprove =
    ownedBy(a, me.org) && a.joint && answerable.includes(a.state) && !a.approvals.some((p) => p.org === me.org);
  const steps = owner
    ? (
        [
          ['start', a.state === 'acknowledged'],
          ['done', a.state === 'under_way'],
          ['cancel', !['done', 'cancelled'].includes(a.state)],
        ] as const
      ).filter(([, ok]) => ok)
    : [];
  if (!canAnswer && !canApprove && steps.length === 0) return null;

  async function act(path: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<SeenActivity>(`/api/v1/activities/${a.id}/${path}`, { method: 'POST', body }));
      setComment('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="activity-actions" data-testid="activity-actions">
      {canAnswer && (
        <>
          <label htmlFor={`answer-${a.id}`}>{t('activities.comment')}</label>
          <textarea
            id={`answer-${a.id}`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            rows={2}
            data-testid="activity-comment"
          />
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act('acknowledge', comment.trim() ? { comment: comment.trim() } : {})}
              data-testid="activity-acknowledge"
            >
              {t('activities.acknowledge')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                comment.trim()
                  ? act('concern', { comment: comment.trim() })
                  : setError(t('activities.concernNeedsComment'))
              }
              data-testid="activity-concern"
            >
              {t('activities.raiseConcern')}
            </button>
          </div>
        </>
      )}
      {(canApprove || steps.length > 0) && (
        <div className="button-row">
          {canApprove && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => act('approve', {})}
              data-testid="activity-approve"
            >
              {t('activities.approve')}
            </button>
          )}
          {steps.map(([step]) => (
            <button
              key={step}
              type="button"
              className={step === 'cancel' ? 'danger' : ''}
              disabled={busy}
              onClick={() => act(step, { version: a.version })}
              data-testid={`activity-${step}`}
            >
              {t(`activities.steps.${step}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
