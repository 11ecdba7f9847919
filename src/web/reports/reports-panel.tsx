import './reports.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Jcc, Me } from '../api/types.ts';
import { SitrepDetail } from './sitrep-detail.tsx';
import { SitrepDraftForm } from './sitrep-draft-form.tsx';
import { SitrepList } from './sitrep-list.tsx';
import { mayWriteReports, type SitrepFilters } from './sitrep-rules.ts';
import { useSitreps } from './use-sitreps.ts';

/** What the tab shows: the list, the draft form, or one report. */
type View = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string };

/** The "Reports" tab: the SITREPs the reader may see, each with its preview and files; analysts draft and release. */
export function ReportsPanel({ me, jccs }: { me: Me; jccs: readonly Jcc[] }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<SitrepFilters>({ jcc: '', state: '' });
  const [view, setView] = useState<View>({ kind: 'list' });
  const sitreps = useSitreps(filters);
  const writer = mayWriteReports(me.roles);

  if (view.kind === 'new')
    return (
      <SitrepDraftForm
        me={me}
        jccs={jccs}
        onBack={() => setView({ kind: 'list' })}
        onCreated={(s) => {
          sitreps.upsert(s);
          setView({ kind: 'detail', id: s.id });
        }}
      />
    );
  if (view.kind === 'detail')
    return (
      <SitrepDetail
        id={view.id}
        summary={sitreps.items.find((s) => s.id === view.id)}
        me={me}
        onBack={() => setView({ kind: 'list' })}
        onUpdated={sitreps.upsert}
        onOpen={(id) => setView({ kind: 'detail', id })}
      />
    );
  return (
    <div className="reports-panel" data-testid="reports-panel">
      <div className="panel-head">
        <h2>{t('reports.heading')}</h2>
        {writer && (
          <button type="button" className="primary" onClick={() => setView({ kind: 'new' })} data-testid="sitrep-new">
            {t('reports.new')}
          </button>
        )}
      </div>
      {sitreps.error && (
        <p role="alert" className="error">
          {t('common.error', { message: sitreps.error })}
        </p>
      )}
      <SitrepList
        jccs={jccs}
        filters={filters}
        onFilters={setFilters}
        sitreps={sitreps}
        onOpen={(id) => setView({ kind: 'detail', id })}
      />
    </div>
  );
}
