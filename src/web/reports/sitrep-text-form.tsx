import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxSitrepTextLength } from '../../domain/sitrep.ts';
import { apiErrorText } from '../admin/api-error-text.ts';
import { ApiError, api } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import type { SitrepRecord } from './sitrep-types.ts';

interface Props {
  sitrep: SitrepRecord;
  onSaved: (s: SitrepRecord) => void;
  /** Whether words typed here are not saved yet. */
  onDirty: (dirty: boolean) => void;
}

/**
 * The analyst's words of a draft: the assessment and the intentions, saved against the version they were typed on,
 * so a change made meanwhile by someone else is refused rather than overwritten.
 */
export function SitrepTextForm({ sitrep, onSaved, onDirty }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [assessment, setAssessment] = useState(sitrep.assessment);
  const [intentions, setIntentions] = useState(sitrep.intentions);
  const [base, setBase] = useState(sitrep);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = assessment !== base.assessment || intentions !== base.intentions;

  // A newer version (refreshed figures, or seen live) is taken in while nothing typed here would be lost; one that
  // changed only the figures becomes the base of what is being typed, whose words still apply to it.
  useEffect(() => {
    if (sitrep.version <= base.version) return;
    if (!dirty) {
      setAssessment(sitrep.assessment);
      setIntentions(sitrep.intentions);
      setBase(sitrep);
    } else if (sitrep.assessment === base.assessment && sitrep.intentions === base.intentions) setBase(sitrep);
  }, [sitrep, base, dirty]);

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api<SitrepRecord>(`/api/v1/sitreps/${encodeURIComponent(sitrep.id)}`, {
        method: 'PATCH',
        body: { assessment, intentions, version: base.version },
      });
      setBase(updated);
      setAssessment(updated.assessment);
      setIntentions(updated.intentions);
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? `${apiErrorText(t, err)} ${t('reports.conflict')}`
          : apiErrorText(t, err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sitrep-text-form" onSubmit={save} data-testid="sitrep-text-form">
      <label htmlFor="sitrep-assessment">{t('reports.assessment')}</label>
      <textarea
        id="sitrep-assessment"
        value={assessment}
        onChange={(e) => {
          setAssessment(e.target.value);
          setSaved(false);
        }}
        maxLength={maxSitrepTextLength}
        rows={5}
        data-testid="sitrep-assessment"
      />
      <label htmlFor="sitrep-intentions">{t('reports.intentions')}</label>
      <textarea
        id="sitrep-intentions"
        value={intentions}
        onChange={(e) => {
          setIntentions(e.target.value);
          setSaved(false);
        }}
        maxLength={maxSitrepTextLength}
        rows={4}
        data-testid="sitrep-intentions"
      />
      <div className="sitrep-buttons">
        <button type="submit" className="primary" disabled={busy || !dirty} data-testid="sitrep-save">
          {busy ? t('reports.saving') : t('reports.save')}
        </button>
        <span className="muted" data-testid="sitrep-version">
          {t('reports.version', { version: fmt.number(base.version) })}
        </span>
      </div>
      {saved && (
        <p className="success" role="status" data-testid="sitrep-saved">
          {t('reports.saved')}
        </p>
      )}
      {error && (
        <p role="alert" className="error" data-testid="sitrep-text-error">
          {error}
        </p>
      )}
    </form>
  );
}
