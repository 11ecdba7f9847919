import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxSitrepTextLength } from '../../domain/sitrep.ts';
import { apiErrorText } from '../admin/api-error-text.ts';
import { api } from '../api/client.ts';
import type { SitrepRecord } from './sitrep-types.ts';

interface Props {
  sitrep: SitrepRecord;
  /** The draft's words are being edited and not saved: it is not released without them. */
  unsaved: boolean;
  onUpdated: (s: SitrepRecord) => void;
  /** A correction was drafted: the new report. */
  onCreated: (s: SitrepRecord) => void;
}

type Open = 'release' | 'correct' | null;

/**
 * What an analyst may do with a report: refresh a draft's figures or release it (after confirming, since a released
 * report no longer changes), or draft a correction of a released one.
 */
export function SitrepActions({ sitrep, unsaved, onUpdated, onCreated }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/v1/sitreps/${encodeURIComponent(sitrep.id)}`;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setOpen(null);
    } catch (e) {
      setError(apiErrorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  const refresh = () =>
    run(async () => onUpdated(await api<SitrepRecord>(`${path}/refresh`, { method: 'POST', body: {} })));
  const release = () =>
    run(async () =>
      onUpdated(await api<SitrepRecord>(`${path}/release`, { method: 'POST', body: { version: sitrep.version } })),
    );
  function correct(e: FormEvent) {
    e.preventDefault();
    if (!note.trim()) {
      setError(t('reports.needNote'));
      return;
    }
    void run(async () => {
      const created = await api<SitrepRecord>('/api/v1/sitreps', {
        method: 'POST',
        body: { jcc: sitrep.jcc, audience: sitrep.audience, corrects: sitrep.id, correction_note: note.trim() },
      });
      setNote('');
      onCreated(created);
    });
  }
  const choose = (o: Open) => {
    setError(null);
    setOpen(open === o ? null : o);
  };

  return (
    <div className="sitrep-actions" data-testid="sitrep-actions">
      <div className="sitrep-buttons">
        {sitrep.state === 'draft' ? (
          <>
            <button type="button" disabled={busy} onClick={() => void refresh()} data-testid="sitrep-refresh">
              {t('reports.refresh')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy || unsaved}
              aria-expanded={open === 'release'}
              aria-describedby={unsaved ? 'sitrep-unsaved' : undefined}
              onClick={() => choose('release')}
              data-testid="sitrep-release"
            >
              {t('reports.release')}
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={busy}
            aria-expanded={open === 'correct'}
            onClick={() => choose('correct')}
            data-testid="sitrep-correct"
          >
            {t('reports.correct')}
          </button>
        )}
      </div>
      {unsaved && (
        <p className="muted" id="sitrep-unsaved" data-testid="sitrep-unsaved">
          {t('reports.saveFirst')}
        </p>
      )}
      {open === 'release' && sitrep.state === 'draft' && !unsaved && (
        <div className="sitrep-confirm" role="alertdialog" aria-labelledby="sitrep-confirm-text">
          <p id="sitrep-confirm-text">{t('reports.releaseConfirm')}</p>
          <div className="sitrep-buttons">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void release()}
              data-testid="sitrep-release-confirm"
            >
              {t('reports.releaseNow')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('reports.cancel')}
            </button>
          </div>
        </div>
      )}
      {open === 'correct' && sitrep.state === 'released' && (
        <form className="sitrep-form" onSubmit={correct} data-testid="sitrep-correct-form">
          <label htmlFor="sitrep-correction-note">{t('reports.correctionNote')}</label>
          <textarea
            id="sitrep-correction-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={maxSitrepTextLength}
            rows={3}
            data-testid="sitrep-correction-note"
          />
          <div className="sitrep-buttons">
            <button type="submit" className="primary" disabled={busy} data-testid="sitrep-correct-confirm">
              {t('reports.draftCorrection')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('reports.cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error" data-testid="sitrep-action-error">
          {error}
        </p>
      )}
    </div>
  );
}
