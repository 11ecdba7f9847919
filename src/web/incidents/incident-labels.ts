import type { TFunction } from 'i18next';
import { type CasualtyCounts, casualtyTotals } from '../../domain/incident.ts';
import { type AcledEventType, acledEventTypes, incidentTypeCodes } from '../../domain/taxonomy.ts';
import { isTearline, type SeenIncident } from '../api/types.ts';
import type { ReferenceNames } from '../reference/names.tsx';

/** The ACLED event types, in the taxonomy's order: the groups incidents are coloured by. */
export function eventTypesOf(): AcledEventType[] {
  return Object.keys(acledEventTypes) as AcledEventType[];
}

/** Every incident type code, for the report form and the list filter. */
export const typeCodes: readonly string[] = incidentTypeCodes;

/** The translated name of an incident type. */
export function typeLabel(t: TFunction, code: string): string {
  return t(`types.${code}`, { defaultValue: code });
}

/** Who may see a record, in words: "ISF only", "partners of the JCC", "coalition" or a sharing group. */
export function releasabilityLabel(
  t: TFunction,
  names: ReferenceNames,
  releasability: string,
  owner?: string | null,
  jcc?: string | null,
): string {
  if (releasability === 'org') return t('releasability.org', { org: owner ? names.org(owner) : '' });
  if (releasability === 'partners')
    return jcc ? t('releasability.partnersOf', { jcc: names.jcc(jcc) }) : t('releasability.partners');
  if (releasability === 'coalition') return t('releasability.coalition');
  if (releasability.startsWith('group:')) return t('releasability.group', { name: releasability.slice(6) });
  return releasability;
}

/** Total casualties of an incident as the user sees it: the record's (summed as the domain sums them), or the tearline's. */
export function casualtyTotal(i: SeenIncident): CasualtyCounts {
  return isTearline(i) ? i.casualties : casualtyTotals(i.casualties);
}
