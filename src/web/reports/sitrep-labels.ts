import type { TFunction } from 'i18next';
import { releasabilityLabel } from '../incidents/incident-labels.ts';
import type { ReferenceNames } from '../reference/names.tsx';
import type { SitrepSummary } from './sitrep-types.ts';

/** Who a report is released to, in words: its audience read as the releasability of a record of its JCC. */
export function audienceLabel(t: TFunction, names: ReferenceNames, s: SitrepSummary): string {
  return t('reports.audienceOf', {
    audience: releasabilityLabel(t, names, s.audience, s.originator_org, s.jcc),
  });
}
