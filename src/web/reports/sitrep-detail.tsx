import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { useNames } from '../reference/names.tsx';
import { SitrepActions } from './sitrep-actions.tsx';
import { audienceName } from './sitrep-labels.ts';
import { SitrepPreview } from './sitrep-preview.tsx';
import { mayWriteReports, newerSitrep } from './sitrep-rules.ts';
import { SitrepTextForm } from './sitrep-text-form.tsx';
import type { SitrepRecord, SitrepSummary } from './sitrep-types.ts';

interface Props {
  id: string;
  /** The report as the list holds it (kept current by the live stream), or undefined until it is there. */
  summary: SitrepSummary | undefined;
  me: Me;
  onBack: () => void;
  onUpdated: (s: SitrepRecord) => void;
  onOpen: (id: string) => void;
}

/** One report: what it covers and for whom, its preview and files, and for an analyst its words and its steps. */
export function SitrepDetail({ id, summary, me, onBack, onUpdated, onOpen }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const [record, setRecord] = useState<SitrepRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState(false);

  // Read whole (with its figures) when opened, and again when a newer version than the one shown is seen in the list.
  const seenVersion = summary?.version;
  const held = useRef<{ id: string; version: number } | null>(null);
  held.current = record && { id: record.id, version: record.version };
  useEffect(() => {
    const h = held.current;
    if (h && h.id === id && seenVersion !== undefined && h.version >= seenVersion) return;
    let live = true;
    api<SitrepRecord>(`/api/v1/sitreps/${encodeURIComponent(id)}`).then(
      (r) => {
        if (!live) return;
        setRecord((known) => (known?.id === r.id ? newerSitrep(known, r) : r));
        setError(null);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [id, seenVersion]);

  const updated = (r: SitrepRecord) => {
    setRecord(r);
    onUpdated(r);
  };

  const back = (
    <button type="button" className="link" onClick={onBack} data-testid="sitrep-back">
      {t('reports.back')}
    </button>
  );
  const s = record?.id === id ? record : null;
  if (!s)
    return (
      <div className="sitrep-detail">
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

  const writer = mayWriteReports(me.roles);
  const row = (label: string, value: ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <div className="sitrep-detail" data-testid="sitrep-detail" data-id={s.id} data-state={s.state}>
      {back}
      <h2>
        {t('reports.title', { jcc: `\u2068${names.jcc(s.jcc)}\u2069`, number: fmt.number(s.number) })}{' '}
        <span className={`state-badge ${s.state}`} data-testid="sitrep-state">
          {t(`reports.states.${s.state}`)}
        </span>
      </h2>
      <dl className="fields">
        {row(t('reports.periodLabel'), `${fmt.dateTime(s.period_from)} – ${fmt.dateTime(s.period_to)}`)}
        {row(t('reports.audience'), audienceName(t, names, s), 'sitrep-audience')}
        {row(t('reports.originator'), <bdi>{names.org(s.originator_org)}</bdi>)}
        {row(t('reports.asOf'), fmt.dateTime(s.as_of))}
        {s.released_at && row(t('reports.released'), fmt.dateTime(s.released_at), 'sitrep-released-at')}
        {row(t('reports.nextDue'), fmt.dateTime(s.next_due))}
        {s.corrects &&
          row(
            t('reports.corrects'),
            <>
              <button type="button" className="link" onClick={() => onOpen(s.corrects as string)}>
                {t('reports.openCorrected')}
              </button>
              {s.correction_note && (
                <>
                  {' '}
                  <bdi className="narrative" data-testid="sitrep-correction-note-shown">
                    {s.correction_note}
                  </bdi>
                </>
              )}
            </>,
          )}
      </dl>
      {writer && s.state === 'draft' && <SitrepTextForm sitrep={s} onSaved={updated} onDirty={setUnsaved} />}
      {writer && (
        <SitrepActions
          sitrep={s}
          unsaved={s.state === 'draft' && unsaved}
          onUpdated={updated}
          onCreated={(c) => {
            onUpdated(c);
            onOpen(c.id);
          }}
        />
      )}
      <SitrepPreview sitrep={s} />
    </div>
  );
}
