import { type AcledEventType, incidentTypes } from '../../domain/taxonomy.ts';

/** One colour per ACLED event type: incidents are coloured by the group their type belongs to. */
export const eventTypeColours: Record<AcledEventType, string> = {
  Battles: '#c62828',
  'Explosions/Remote violence': '#e65100',
  'Violence against civilians': '#6a1b9a',
  Protests: '#1565c0',
  Riots: '#2e7d32',
  'Strategic developments': '#455a64',
};

/** The colour of an incident type code. */
export function typeColour(type: string): string {
  const t = incidentTypes[type as keyof typeof incidentTypes];
  return t ? eventTypeColours[t.acledEventType] : '#455a64';
}

/** A MapLibre `match` expression colouring features by their `type` property. */
export function typeColourExpression(): unknown[] {
  const pairs = Object.entries(incidentTypes).flatMap(([code, t]) => [code, eventTypeColours[t.acledEventType]]);
  return ['match', ['get', 'type'], ...pairs, '#455a64'];
}

const knownOrgColours: Record<string, string> = { isf: '#1565c0', peshmerga: '#b7791f', coalition: '#4a5568' };
const spareColours = ['#00838f', '#ad1457', '#558b2f', '#5d4037', '#283593', '#00695c'];

/** A stable colour for each organisation: the demo's three by name, any other by its position. */
export function orgColours(orgs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let spare = 0;
  for (const org of orgs) out[org] = knownOrgColours[org] ?? spareColours[spare++ % spareColours.length];
  return out;
}

/** A MapLibre `match` expression colouring features by their `org` property. */
export function orgColourExpression(colours: Record<string, string>): unknown {
  const pairs = Object.entries(colours).flat();
  return pairs.length ? ['match', ['get', 'org'], ...pairs, '#4a5568'] : '#4a5568';
}
