import type { TFunction } from 'i18next';
import { isTearline, type SeenIncident } from '../api/types.ts';
import { typeLabel } from '../incidents/incident-labels.ts';
import type { Alert } from '../requests/request-types.ts';

/** A name typed by a user, kept whole in a sentence of the other direction (first-strong isolate). */
const isolate = (s: string) => `\u2068${s}\u2069`;

interface Format {
  number: (n: number, digits?: number) => string;
  date: (iso: string) => string;
}

/**
 * An alert's one line in the page's language, built as the server builds its English `text`
 * (`domain/alert-text.ts`) and from the same fields only: with a tearline, no match and no more than it carries.
 */
export function alertLine(t: TFunction, fmt: Format, a: Alert): string {
  const record = a.subject.record as SeenIncident;
  const type = typeLabel(t, record.type);
  const day = isTearline(record) ? record.date : record.time.slice(0, 10);
  const base = { type, date: fmt.date(`${day}T12:00:00Z`), rule: isolate(a.rule.name) };
  if (a.match?.kind === 'incident_near' && a.match.distance_km !== null)
    return t('alerts.text.near', {
      ...base,
      km: fmt.number(a.match.distance_km, 1),
      presence: isolate(a.match.presence_name ?? ''),
    });
  if (a.match?.kind === 'incident_in_corridor') return t('alerts.text.corridor', base);
  const area = isTearline(record) ? record.area : null;
  return area ? t('alerts.text.reportedIn', { ...base, area: isolate(area) }) : t('alerts.text.reported', base);
}
