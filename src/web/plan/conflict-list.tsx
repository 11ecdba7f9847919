import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { typeLabel } from '../incidents/incident-labels.ts';
import { useNames } from '../reference/names.tsx';
import type { ConflictRecord } from './activity-types.ts';

/** The kind of an activity in words (a site's own kinds by their code). */
export function kindLabel(t: TFunction, kind: string): string {
  return t(`activities.kinds.${kind}`, { defaultValue: kind });
}

/** What a conflict is with, in words: the activity's kind, the presence's kind or the incident's type. */
function conflictKind(t: TFunction, c: Extract<ConflictRecord, { hidden: false }>): string {
  if (c.with === 'incident') return typeLabel(t, c.kind);
  if (c.with === 'presence') return t(`activities.presence.${c.kind}`, { defaultValue: c.kind });
  return kindLabel(t, c.kind);
}

/** A time window in the page's language. */
export function useWindowText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (w: { start: string; end: string }) =>
    t('activities.window', { start: fmt.dateTime(w.start), end: fmt.dateTime(w.end) });
}

/** The conflicts of an activity: with what, how near, when; one with a record the reader may not see says only whom to contact. */
export function ConflictList({ conflicts, omitted }: { conflicts: readonly ConflictRecord[]; omitted: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const windowText = useWindowText();
  if (conflicts.length === 0)
    return (
      <p className="muted" data-testid="conflicts-none">
        {t('activities.noConflicts')}
      </p>
    );
  return (
    <>
      <ul className="conflicts" data-testid="conflicts">
        {conflicts.map((c, i) =>
          c.hidden ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a hidden conflict has no id of its own to show
            <li key={`hidden-${i}`} className="conflict hidden" data-testid="conflict" data-hidden="true">
              {t('activities.hiddenConflict', {
                jcc: c.jcc ? names.jcc(c.jcc) : t('common.unknown'),
                overlap: windowText(c.overlap),
              })}
            </li>
          ) : (
            <li key={`${c.with}-${c.record_id}`} className="conflict" data-testid="conflict" data-with={c.with}>
              <strong>
                {t(`activities.with.${c.with}`)}: {conflictKind(t, c)}
                {c.name ? (
                  <>
                    {' '}
                    — <bdi>{c.name}</bdi>
                  </>
                ) : null}
              </strong>
              <span>{names.org(c.org)}</span>
              <span>
                {c.distance_km === 0
                  ? t('activities.overlaps')
                  : t('activities.distance', { km: fmt.number(c.distance_km, 1) })}
              </span>
              <span>{windowText(c.overlap)}</span>
            </li>
          ),
        )}
      </ul>
      {omitted > 0 && <p className="muted">{t('activities.conflictsOmitted', { n: fmt.number(omitted) })}</p>}
    </>
  );
}
