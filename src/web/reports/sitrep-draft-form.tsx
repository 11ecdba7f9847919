import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../admin/api-error-text.ts';
import { api } from '../api/client.ts';
import type { Jcc, Me } from '../api/types.ts';
import { JccOptions } from '../reference/names.tsx';
import { type DraftAudience, draftAudiences, type SitrepRecord } from './sitrep-types.ts';

interface Props {
  me: Me;
  jccs: readonly Jcc[];
  onCreated: (s: SitrepRecord) => void;
  onBack: () => void;
}

/** Drafts the next report of a JCC for an audience; its figures are computed by the server for that audience. */
export function SitrepDraftForm({ me, jccs, onCreated, onBack }: Props) {
  const { t } = useTranslation();
  // An organisation reports for the JCCs it sits in; an administrator may start one for any.
  const own = jccs.filter((j) => j.members.includes(me.org));
  const choices = own.length > 0 && !me.roles.includes('admin') ? own : jccs;
  const [jcc, setJcc] = useState(choices.length === 1 ? choices[0].code : '');
  const [audience, setAudience] = useState<DraftAudience>('partners');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!jcc) {
      setError(t('reports.needJcc'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api<SitrepRecord>('/api/v1/sitreps', { method: 'POST', body: { jcc, audience } }));
    } catch (err) {
      setError(apiErrorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sitrep-draft-form" onSubmit={submit} data-testid="sitrep-draft-form">
      <button type="button" className="link" onClick={onBack} data-testid="sitrep-back">
        {t('reports.back')}
      </button>
      <h2>{t('reports.draftTitle')}</h2>
      <label htmlFor="sitrep-jcc">{t('reports.jcc')}</label>
      <select id="sitrep-jcc" value={jcc} onChange={(e) => setJcc(e.target.value)} data-testid="sitrep-draft-jcc">
        <option value="">{t('reports.chooseJcc')}</option>
        <JccOptions jccs={choices} />
      </select>
      <fieldset>
        <legend>{t('reports.audience')}</legend>
        {draftAudiences.map((a) => (
          <label key={a} className="check">
            <input
              type="radio"
              name="sitrep-audience"
              value={a}
              checked={audience === a}
              onChange={() => setAudience(a)}
              data-testid={`sitrep-audience-${a}`}
            />
            {t(`reports.audiences.${a}`)}
          </label>
        ))}
      </fieldset>
      <p className="muted">{t('reports.draftHint')}</p>
      <button type="submit" className="primary" disabled={busy} data-testid="sitrep-draft-submit">
        {busy ? t('reports.drafting') : t('reports.draft')}
      </button>
      {error && (
        <p role="alert" className="error" data-testid="sitrep-draft-error">
          {error}
        </p>
      )}
    </form>
  );
}
