import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { apiErrorText } from './api-error-text.ts';

interface AuditEntry {
  seq: number;
  at: string;
  user: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  detail: unknown;
}

interface ChainCheck {
  entries: number;
  intact: boolean;
  broken: { seq: number; reason: string } | null;
}

interface AuditFilters {
  user: string;
  record: string;
  action: string;
}

const pageSize = 50;

/** The audit log of what the organisation's users did, filtered by user, record and action, and the chain check. */
export function AuditView() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [draft, setDraft] = useState<AuditFilters>({ user: '', record: '', action: '' });
  const [filters, setFilters] = useState<AuditFilters>(draft);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  const [checking, setChecking] = useState(false);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoading(true);
      try {
        const p = await api<Page<AuditEntry>>(`/api/v1/audit${query({ ...filters, limit: pageSize, cursor })}`);
        setItems((list) => (cursor ? [...list, ...p.items] : p.items));
        setNext(p.next);
        setError(null);
      } catch (e) {
        setError(apiErrorText(t, e));
        if (!cursor) setItems([]);
      } finally {
        setLoading(false);
      }
    },
    [filters, t],
  );
  useEffect(() => {
    load(null);
  }, [load]);

  async function verify() {
    setChecking(true);
    try {
      setCheck(await api<ChainCheck>('/api/v1/audit/verify', { method: 'POST', body: {} }));
    } catch (e) {
      setError(apiErrorText(t, e));
    } finally {
      setChecking(false);
    }
  }

  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ user: draft.user.trim(), record: draft.record.trim(), action: draft.action.trim() });
  };

  return (
    <div className="audit-view">
      <div className="row-actions">
        <button type="button" onClick={verify} disabled={checking} data-testid="verify-chain">
          {t('audit.verify')}
        </button>
        {checking && <span className="muted">{t('common.loading')}</span>}
      </div>
      {check && (
        <p role="status" className={check.intact ? 'success' : 'error'} data-testid="chain-result">
          {check.intact
            ? t('audit.intact', { n: fmt.number(check.entries) })
            : t('audit.broken', { seq: fmt.number(check.broken?.seq ?? 0), reason: check.broken?.reason ?? '' })}
        </p>
      )}
      <form className="admin-form" onSubmit={submit} data-testid="audit-filters">
        <label>
          {t('audit.user')}
          <input value={draft.user} onChange={set('user')} maxLength={64} dir="ltr" data-testid="audit-user" />
        </label>
        <label>
          {t('audit.record')}
          <input value={draft.record} onChange={set('record')} maxLength={64} dir="ltr" data-testid="audit-record" />
        </label>
        <label>
          {t('audit.action')}
          <input
            value={draft.action}
            onChange={set('action')}
            maxLength={64}
            dir="ltr"
            placeholder="incident.create"
            data-testid="audit-action"
          />
        </label>
        <button type="submit">{t('incidents.searchButton')}</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!loading && !error && items.length === 0 && <p className="muted">{t('audit.none')}</p>}
      <ul className="items audit-entries" data-testid="audit-list">
        {items.map((e) => (
          <li key={e.seq} data-testid="audit-entry" data-action={e.action}>
            <span className="item-title">
              <bdi>{e.action}</bdi>
            </span>
            <span className="item-meta">
              <bdi>{fmt.dateTime(e.at)}</bdi> · <bdi>{e.user ?? t('audit.system')}</bdi> ·{' '}
              <bdi>#{fmt.number(e.seq)}</bdi>
            </span>
            {e.record_id && (
              <span className="item-meta">
                <bdi>
                  {e.record_type} {e.record_id}
                </bdi>
              </span>
            )}
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" onClick={() => load(next)} disabled={loading} data-testid="audit-more">
          {t('incidents.more')}
        </button>
      )}
    </div>
  );
}
