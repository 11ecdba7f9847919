import type { TFunction } from 'i18next';
import { type AcledEventType, acledEventTypes, incidentTypeCodes } from '../../domain/taxonomy.ts';

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
  releasability: string,
  owner?: string | null,
  jcc?: string | null,
): string {
  if (releasability === 'org')
    return t('releasability.org', { org: owner ? t(`orgs.${owner}`, { defaultValue: owner.toUpperCase() }) : '' });
  if (releasability === 'partners')
    return jcc ? t('releasability.partnersOf', { jcc: jcc.toUpperCase() }) : t('releasability.partners');
  if (releasability === 'coalition') return t('releasability.coalition');
  if (releasability.startsWith('group:')) return t('releasability.group', { name: releasability.slice(6) });
  return releasability;
}

/** Total casualties of a record or tearline. */
export function casualtyTotal(c: {
  forces?: Array<{ killed: number; wounded: number; abducted: number }>;
  civilians?: { killed: number; wounded: number; abducted: number };
  killed?: number;
  wounded?: number;
  abducted?: number;
}): { killed: number; wounded: number; abducted: number } {
  if (c.civilians) {
    const all = [...(c.forces ?? []), c.civilians];
    return {
      killed: all.reduce((n, p) => n + p.killed, 0),
      wounded: all.reduce((n, p) => n + p.wounded, 0),
      abducted: all.reduce((n, p) => n + p.abducted, 0),
    };
  }
  return { killed: c.killed ?? 0, wounded: c.wounded ?? 0, abducted: c.abducted ?? 0 };
}
