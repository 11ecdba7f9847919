import './requests.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requesterRoles } from '../../domain/support-request-steps.ts';
import type { Jcc, Me, Organisation } from '../api/types.ts';
import type { Focus } from '../map/focus.ts';
import { RequestBoard } from './request-board.tsx';
import { RequestDetail } from './request-detail.tsx';
import { RequestForm } from './request-form.tsx';
import type { SupportRequest } from './request-types.ts';
import { ResponseTimes } from './response-times.tsx';
import { useNow } from './use-now.ts';
import type { RequestsState } from './use-requests.ts';

/** What the tab shows: the board, the new-request form, or one request. */
export type RequestsView = { kind: 'board' } | { kind: 'new' } | { kind: 'detail'; id: string };

interface Props {
  me: Me;
  orgs: readonly Organisation[];
  jccs: readonly Jcc[];
  requests: RequestsState;
  view: RequestsView;
  onView: (v: RequestsView) => void;
  picking: boolean;
  pick: [number, number] | null;
  onStartPick: () => void;
  onCancelPick: () => void;
  onClearPick: () => void;
  onShow: (f: Focus) => void;
  onIncident: (id: string) => void;
}

/** The "Requests" tab: the board by state with response times, a request's detail and steps, and the new-request form. */
export function RequestsPanel(props: Props) {
  const { me, requests, view, onView } = props;
  const { t } = useTranslation();
  const now = useNow();
  const [created, setCreated] = useState<string | null>(null);
  const all = useMemo(() => [...requests.byId.values()], [requests.byId]);
  const statsVersion = useMemo(() => all.reduce((n, r) => n + r.version, 0), [all]);
  const canAsk = me.roles.some((r) => requesterRoles.includes(r));

  if (view.kind === 'new')
    return (
      <RequestForm
        me={me}
        orgs={props.orgs}
        jccs={props.jccs}
        picking={props.picking}
        pick={props.pick}
        onStartPick={props.onStartPick}
        onCancelPick={props.onCancelPick}
        onClearPick={props.onClearPick}
        onBack={() => onView({ kind: 'board' })}
        onCreated={(r: SupportRequest) => {
          requests.upsert(r);
          setCreated(r.id);
          onView({ kind: 'detail', id: r.id });
        }}
      />
    );
  if (view.kind === 'detail')
    return (
      <>
        {created === view.id && (
          <p className="success" role="status" data-testid="request-created">
            {t('requests.created')}
          </p>
        )}
        <RequestDetail
          id={view.id}
          request={requests.byId.get(view.id)}
          me={me}
          jccs={props.jccs}
          now={now}
          onBack={() => {
            setCreated(null);
            onView({ kind: 'board' });
          }}
          onUpdated={requests.upsert}
          onShow={props.onShow}
          onIncident={props.onIncident}
        />
      </>
    );
  return (
    <div className="requests-panel" data-testid="requests-panel">
      <div className="panel-head">
        <h2>{t('requests.title')}</h2>
        {canAsk && (
          <button type="button" className="primary" onClick={() => onView({ kind: 'new' })} data-testid="request-new">
            {t('requests.new')}
          </button>
        )}
      </div>
      {requests.error && (
        <p role="alert" className="error">
          {t('common.error', { message: requests.error })}
        </p>
      )}
      <RequestBoard
        requests={all}
        now={now}
        loading={requests.loading}
        onOpen={(id) => onView({ kind: 'detail', id })}
      />
      <ResponseTimes version={statsVersion} />
    </div>
  );
}
