import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../domain/roles.ts';
import { ApiError, api } from '../api/client.ts';
import type { HistoryEntry, IncidentRecord, Me, Page, SeenIncident } from '../api/types.ts';
import { isTearline } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { type LiveBatch, latestRecords } from '../live/live-stream.ts';
import type { Focus } from '../map/focus.ts';
import { useNames } from '../reference/names.tsx';
import { casualtyTotal, releasabilityLabel, typeLabel } from './incident-labels.ts';

interface Props {
  id: string;
  me: Me;
  onBack: () => void;
  onShow: (f: Focus) => void;
  live: LiveBatch | null;
}

/** One incident as the user may see it: the whole record with its history, or its tearline alone. */
export function IncidentDetail({ id, me, onBack, onShow, live }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [incident, setIncident] = useState<SeenIncident | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setIncident(null);
    setHistory([]);
    setError(null);
    api<SeenIncident>(`/api/v1/incidents/${encodeURIComponent(id)}`)
      .then((i) => current && setIncident(i))
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [id]);

  useEffect(() => {
    const latest = live && latestRecords(live).find((r) => r.id === id);
    if (latest) setIncident(latest);
  }, [live, id]);

  // The history follows the record's version: a verification here or a change seen live reloads it.
  const recordVersion = incident && !isTearline(incident) ? incident.version : null;
  useEffect(() => {
    if (recordVersion === null) return;
    let current = true;
    api<Page<HistoryEntry>>(`/api/v1/incidents/${encodeURIComponent(id)}/history`)
      .then((h) => current && setHistory(h.items))
      .catch(() => current && setHistory([]));
    return () => {
      current = false;
    };
  }, [id, recordVersion]);

  return (
    <article className="incident-detail" data-testid="incident-detail" data-id={id}>
      <button type="button" className="link back" onClick={onBack}>
        {t('common.back')}
      </button>
      {error && (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      )}
      {!incident && !error && <p className="muted">{t('common.loading')}</p>}
      {incident && (
        <>
          <h2>{typeLabel(t, incident.type)}</h2>
          {isTearline(incident) ? (
            <>
              <p className="releasability tearline" data-testid="releasability-label">
                {t('detail.tearlineOnly')}
              </p>
              <dl>
                <dt>{t('detail.date')}</dt>
                <dd>{fmt.date(incident.date)}</dd>
                <dt>{t('detail.area')}</dt>
                <dd>{incident.area ?? t('common.unknown')}</dd>
                <dt>{t('detail.casualties')}</dt>
                <dd>{casualtyLine(t, fmt.number, casualtyTotal(incident))}</dd>
                {incident.summary && (
                  <>
                    <dt>{t('detail.summary')}</dt>
                    <dd>{incident.summary}</dd>
                  </>
                )}
              </dl>
              <p className="muted">{t('detail.tearlineExplained')}</p>
            </>
          ) : (
            <RecordBody incident={incident} me={me} history={history} onUpdated={setIncident} />
          )}
          <button
            type="button"
            onClick={() => onShow({ kind: 'point', lon: incident.lon, lat: incident.lat, zoom: 11 })}
          >
            {t('common.showOnMap')}
          </button>
        </>
      )}
    </article>
  );
}

function casualtyLine(
  t: ReturnType<typeof useTranslation>['t'],
  n: (x: number) => string,
  c: { killed: number; wounded: number; abducted: number },
): string {
  return t('detail.casualtyCounts', { killed: n(c.killed), wounded: n(c.wounded), abducted: n(c.abducted) });
}

function RecordBody({
  incident: i,
  me,
  history,
  onUpdated,
}: {
  incident: IncidentRecord;
  me: Me;
  history: HistoryEntry[];
  onUpdated: (i: IncidentRecord) => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const fmt = useFormat();
  const canVerify = hasPermission(me.roles, 'incident:verify');
  return (
    <>
      <p className="releasability" data-testid="releasability-label">
        {t('detail.releasableTo', { who: releasabilityLabel(t, names, i.releasability, i.owner_org, i.jcc) })}
        {i.tearline && (
          <>
            {' · '}
            {t('detail.tearlineTo', {
              who: releasabilityLabel(t, names, i.tearline.releasability, i.owner_org, i.jcc),
            })}
          </>
        )}
      </p>
      {i.exercise && <p className="badge exercise">{t('detail.exercise')}</p>}
      <dl>
        <dt>{t('detail.time')}</dt>
        <dd data-testid="incident-time">{fmt.dateTime(i.time)}</dd>
        <dt>{t('detail.location')}</dt>
        <dd>
          <bdi dir="ltr">{i.mgrs ?? `${i.lat.toFixed(5)}, ${i.lon.toFixed(5)}`}</bdi>
          {i.place && <> · {i.place}</>}
        </dd>
        <dt>{t('detail.area')}</dt>
        <dd data-testid="incident-area">
          {[names.area(i.district_pcode, i.district), names.area(i.governorate_pcode, i.governorate)]
            .filter(Boolean)
            .join(t('common.listSeparator')) || t('common.unknown')}
        </dd>
        <dt>{t('detail.jcc')}</dt>
        <dd>{i.jcc ? names.jcc(i.jcc) : t('common.none')}</dd>
        <dt>{t('detail.reportedBy')}</dt>
        <dd>{names.org(i.owner_org)}</dd>
        <dt>{t('detail.line')}</dt>
        <dd>
          {i.line_distance_km === null
            ? t('common.unknown')
            : t('detail.lineDistance', { km: fmt.number(Math.abs(i.line_distance_km), 1) })}
          {i.in_gap && <span className="badge gap">{t('detail.inGap')}</span>}
        </dd>
        <dt>{t('detail.casualties')}</dt>
        <dd className="wide">
          <div className="casualties-wrap">
            <table className="casualties">
              <thead>
                <tr>
                  <th scope="col">{t('detail.party')}</th>
                  <th scope="col">{t('detail.killed')}</th>
                  <th scope="col">{t('detail.wounded')}</th>
                  <th scope="col">{t('detail.abducted')}</th>
                </tr>
              </thead>
              <tbody>
                {i.casualties.forces.map((f) => (
                  <tr key={f.org}>
                    <th scope="row">{names.org(f.org)}</th>
                    <td>{fmt.number(f.killed)}</td>
                    <td>{fmt.number(f.wounded)}</td>
                    <td>{fmt.number(f.abducted)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('detail.civilians')}</th>
                  <td>{fmt.number(i.casualties.civilians.killed)}</td>
                  <td>{fmt.number(i.casualties.civilians.wounded)}</td>
                  <td>{fmt.number(i.casualties.civilians.abducted)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </dd>
        <dt>{t('detail.grading')}</dt>
        <dd data-testid="grading">{i.grading ? gradingText(t, i.grading) : t('detail.ungraded')}</dd>
        <dt>{t('detail.verification')}</dt>
        <dd data-testid="verification">
          {t(`verification.${i.verification}`)}
          {i.review && <span className="muted"> — {i.review.reason}</span>}
        </dd>
        {i.narrative && (
          <>
            <dt>{t('detail.narrative')}</dt>
            <dd className="narrative">{i.narrative}</dd>
          </>
        )}
      </dl>
      {canVerify && <VerifyForm incident={i} onUpdated={onUpdated} />}
      <h3>{t('detail.history')}</h3>
      <ol className="history" data-testid="incident-history">
        {history.map((h) => (
          <li key={h.version}>
            <strong>{t('detail.version', { version: fmt.number(h.version) })}</strong> · {fmt.dateTime(h.at)} ·{' '}
            {t(`detail.op.${h.op}`)}
            {h.changes.length > 0 && h.op !== 'create' && (
              <ul>
                {h.changes.map((c) => (
                  <li key={c.field}>
                    <code>{c.field}</code>: <bdi>{shortValue(c.old)}</bdi> → <bdi>{shortValue(c.new)}</bdi>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function gradingText(t: ReturnType<typeof useTranslation>['t'], grading: string): string {
  return t('detail.gradingText', {
    code: grading,
    reliability: t(`grading.reliability.${grading[0]}`),
    credibility: t(`grading.credibility.${grading[1]}`),
  });
}

function shortValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '—' : s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

type VerifyStatus = 'confirmed' | 'discounted' | 'duplicate';

function VerifyForm({ incident, onUpdated }: { incident: IncidentRecord; onUpdated: (i: IncidentRecord) => void }) {
  const { t } = useTranslation();
  const suspected = incident.suspected_duplicate_of;
  const [status, setStatus] = useState<VerifyStatus>(suspected ? 'duplicate' : 'confirmed');
  const [duplicateOf, setDuplicateOf] = useState(incident.duplicate_of ?? suspected ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onUpdated(
        await api<IncidentRecord>(`/api/v1/incidents/${encodeURIComponent(incident.id)}/verification`, {
          method: 'POST',
          body: status === 'duplicate' ? { status, reason, duplicate_of: duplicateOf.trim() } : { status, reason },
        }),
      );
      setReason('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="verify" onSubmit={submit} data-testid="verify-form">
      <fieldset>
        <legend>{t('verify.title')}</legend>
        <label>
          {t('verify.status')}
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as VerifyStatus)}
            data-testid="verify-status"
          >
            <option value="confirmed">{t('verification.confirmed')}</option>
            <option value="discounted">{t('verification.discounted')}</option>
            <option value="duplicate">{t('verification.duplicate')}</option>
          </select>
        </label>
        {status === 'duplicate' && (
          <label>
            {t('verify.duplicateOf')}
            <input
              value={duplicateOf}
              onChange={(e) => setDuplicateOf(e.target.value)}
              required
              pattern="[0-9a-fA-F-]{36}"
              dir="ltr"
              data-testid="verify-duplicate-of"
            />
            {suspected && (
              <span className="muted" data-testid="verify-suspected">
                {t('verify.suspected', { id: suspected.slice(0, 8) })}
              </span>
            )}
          </label>
        )}
        <label>
          {t('verify.reason')}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            minLength={3}
            maxLength={2000}
            required
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="verify-submit">
          {t('verify.submit')}
        </button>
      </fieldset>
    </form>
  );
}
