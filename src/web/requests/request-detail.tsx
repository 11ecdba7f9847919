import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { awaitsResponse } from '../../domain/support-request.ts';
import { api } from '../api/client.ts';
import type { HistoryEntry, Jcc, Me, Page } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { releasabilityLabel } from '../incidents/incident-labels.ts';
import type { Focus } from '../map/focus.ts';
import { useNames } from '../reference/names.tsx';
import { MedevacLines } from './medevac-lines.tsx';
import { addresseeName, deadlineText } from './request-labels.ts';
import { overdueAt, stepsFor } from './request-rules.ts';
import { RequestSteps } from './request-steps.tsx';
import type { SupportRequest } from './request-types.ts';

interface Props {
  id: string;
  /** The request as the board holds it (kept current by the live stream), or undefined until read. */
  request: SupportRequest | undefined;
  me: Me;
  jccs: readonly Jcc[];
  now: number;
  onBack: () => void;
  onUpdated: (r: SupportRequest) => void;
  onShow: (f: Focus) => void;
  onIncident: (id: string) => void;
}

/** One support request: what is asked, where and by when, its replies, the steps the reader may take, its history. */
export function RequestDetail({ id, request, me, jccs, now, onBack, onUpdated, onShow, onIncident }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);

  // Opened before the board has it (from the map, or a link): read it once.
  useEffect(() => {
    if (request) return;
    api<SupportRequest>(`/api/v1/requests/${encodeURIComponent(id)}`).then(onUpdated, (e: Error) =>
      setError(e.message),
    );
  }, [id, request, onUpdated]);

  // The history follows the request's version: a step here or one seen live reloads it.
  const version = request?.version;
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    api<Page<HistoryEntry>>(`/api/v1/requests/${encodeURIComponent(id)}/history`).then(
      (p) => live && setHistory(p.items),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  const back = (
    <button type="button" className="link" onClick={onBack} data-testid="request-back">
      {t('requests.back')}
    </button>
  );
  if (!request)
    return (
      <div className="request-detail">
        {back}
        {error ? (
          <p role="alert" className="error">
            {t('common.error', { message: error })}
          </p>
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </div>
    );

  const r = request;
  const late = overdueAt(r, now);
  const members = jccs.find((j) => j.code === r.addressed_jcc)?.members ?? [];
  const steps = stepsFor(r, me, members);
  const location = `${r.mgrs} (${r.lat.toFixed(5)}, ${r.lon.toFixed(5)})`;
  const row = (label: string, value: ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <div className="request-detail" data-testid="request-detail" data-id={r.id} data-state={r.state}>
      {back}
      <h2>
        {t(`requests.kinds.${r.kind}`)}{' '}
        <span className={`priority-badge ${r.priority}`}>{t(`requests.priorities.${r.priority}`)}</span>
      </h2>
      <p className="request-state">
        <span className={`state-badge ${r.state}`} data-testid="request-state">
          {t(`requests.states.${r.state}`)}
        </span>
        {late && <span className="overdue-flag">{t('requests.overdue')}</span>}
      </p>
      <dl className="fields">
        {row(t('requests.from'), <bdi>{names.org(r.requester_org)}</bdi>)}
        {row(t('requests.to'), <bdi>{addresseeName(names, r)}</bdi>)}
        {r.responder_org && row(t('requests.responder'), <bdi>{names.org(r.responder_org)}</bdi>)}
        {row(
          t('requests.respondBy'),
          <>
            {fmt.dateTime(r.respond_by)}
            {awaitsResponse(r.state) && <> · {deadlineText(t, fmt.number, r, now)}</>}
          </>,
          'request-deadline',
        )}
        {row(
          t('requests.neededAtLabel'),
          r.needed_until ? `${fmt.dateTime(r.needed_at)} – ${fmt.dateTime(r.needed_until)}` : fmt.dateTime(r.needed_at),
        )}
        {row(
          t('requests.location'),
          <>
            <bdi dir="ltr">{location}</bdi>{' '}
            <button
              type="button"
              className="link"
              onClick={() => onShow({ kind: 'point', lon: r.lon, lat: r.lat, zoom: 11 })}
            >
              {t('common.showOnMap')}
            </button>
          </>,
        )}
        {r.details && row(t('requests.details'), <span className="narrative">{r.details}</span>)}
        {r.linked_incident &&
          row(
            t('requests.linkedIncident'),
            <button
              type="button"
              className="link"
              onClick={() => onIncident(r.linked_incident as string)}
              data-testid="request-linked-incident"
            >
              {t('requests.openIncident')}
            </button>,
          )}
        {row(
          t('requests.releasability'),
          // The requester and the addressee always read it: `org` adds no one.
          r.releasability === 'org'
            ? t('requests.releaseOrgs')
            : releasabilityLabel(t, names, r.releasability, r.requester_org, r.addressed_jcc),
        )}
        {r.question && row(t('requests.question'), <bdi>{r.question}</bdi>, 'request-question')}
        {r.answer && row(t('requests.answer'), <bdi>{r.answer}</bdi>)}
        {r.decline_reason && row(t('requests.declineReason'), <bdi>{r.decline_reason}</bdi>)}
        {r.assigned_unit && row(t('requests.assignedUnit'), <bdi>{r.assigned_unit}</bdi>)}
        {r.cancel_reason && row(t('requests.cancelReason'), <bdi>{r.cancel_reason}</bdi>)}
      </dl>
      {r.medevac && <MedevacLines m={r.medevac} location={location} />}
      <RequestSteps request={r} steps={steps} onUpdated={onUpdated} />
      <h3>{t('requests.history')}</h3>
      <ol className="history" data-testid="request-history">
        {history.map((h) => {
          const state = h.changes.find((c) => c.field === 'state');
          const escalated = h.changes.some((c) => c.field === 'escalated_at' && c.new !== null);
          return (
            <li key={h.version}>
              <strong>{t('detail.version', { version: fmt.number(h.version) })}</strong> · {fmt.dateTime(h.at)} ·{' '}
              {h.op === 'create'
                ? t('requests.historyCreated')
                : state
                  ? t('requests.historyState', { state: t(`requests.states.${String(state.new)}`) })
                  : escalated
                    ? t('requests.historyEscalated')
                    : t('detail.op.update')}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
