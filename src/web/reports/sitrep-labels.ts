import type { TFunction } from 'i18next';
import { releasabilityLabel } from '../incidents/incident-labels.ts';
import type { ReferenceNames } from '../reference/names.tsx';
import type { SitrepSummary } from './sitrep-types.ts';

/** Who a report is released to, in words (its JCC is named beside it, so not again here). */
export function audienceName(t: TFunction, names: ReferenceNames, s: SitrepSummary): string {
  return releasabilityLabel(t, names, s.audience, s.originator_org);
}

/** Who a report is released to, as a line of the list. */
export function audienceLabel(t: TFunction, names: ReferenceNames, s: SitrepSummary): string {
  return t('reports.audienceOf', { audience: audienceName(t, names, s) });
}
