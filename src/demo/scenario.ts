import { roles } from '../domain/roles.ts';
import { generateCoordination } from './coordination-gen.ts';
import { generateIncidents } from './incident-gen.ts';
import { gapStretches, generatePresence } from './presence-gen.ts';
import { createRandom } from './random.ts';
import { buildScenarioGeometry, zoneKm } from './scenario-geometry.ts';
import type { DemoScenario } from './scenario-types.ts';

export const demoOrganisations = [
  { code: 'isf', name: 'Iraqi Security Forces', nameAr: 'قوات الأمن العراقية', nameCkb: 'هێزە ئەمنییەکانی عێراق' },
  {
    code: 'peshmerga',
    name: 'Kurdistan Region Peshmerga',
    nameAr: 'بيشمركة إقليم كوردستان',
    nameCkb: 'پێشمەرگەی هەرێمی کوردستان',
  },
  { code: 'coalition', name: 'Coalition', nameAr: 'التحالف الدولي', nameCkb: 'هاوپەیمانیی نێودەوڵەتی' },
];

export const demoIncidentCount = 600;

/**
 * Builds the synthetic exercise scenario for the Kurdish Coordination Line: pure and deterministic, the same seed and
 * asOf always give a deep-equal scenario. Every record is marked `exercise`.
 */
export function buildDemoScenario(options: { seed: number; asOf: string }): DemoScenario {
  const asOfMs = Date.parse(options.asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf must be an ISO-8601 time, got "${options.asOf}"`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`);
  const asOf = new Date(asOfMs).toISOString();
  // Separate streams, so adding a presence record does not reshuffle every incident.
  const presenceRandom = createRandom(options.seed ^ 0x5eed0001);
  const incidentRandom = createRandom(options.seed ^ 0x5eed0002);
  const coordinationRandom = createRandom(options.seed ^ 0x5eed0003);

  const g = buildScenarioGeometry();
  const gaps = gapStretches(g);
  const members = demoOrganisations.map((o) => o.code);
  const presence = generatePresence(presenceRandom, g, asOfMs);
  // The checkpoints a partner may see, standing now: a planned patrol may cross one of them.
  const partnerCheckpoints = presence.flatMap((p) =>
    p.kind === 'checkpoint' && p.releasability.scope === 'partners' && p.activeTo === null && p.activeFrom <= asOf
      ? [{ org: p.org, at: p.geometry.coordinates, name: p.name }]
      : [],
  );
  return {
    seed: options.seed,
    asOf,
    organisations: demoOrganisations.map((o) => ({ ...o })),
    line: {
      name: 'Kurdish Coordination Line (exercise)',
      line: g.line,
      zoneKm,
      zone: g.zone,
      leftOrg: g.leftOrg,
      rightOrg: g.rightOrg,
      exercise: true,
    },
    jccs: g.aors.map((a) => ({
      code: a.code,
      name: a.name,
      nameAr: a.nameAr,
      nameCkb: a.nameCkb,
      aor: a.aor,
      members: [...members],
    })),
    presence,
    incidents: generateIncidents(incidentRandom, g, gaps, asOfMs, demoIncidentCount),
    users: demoOrganisations.flatMap((o) =>
      roles.map((role) => ({ username: `${o.code}-${role}`, org: o.code, roles: [role] })),
    ),
    coordination: generateCoordination(coordinationRandom, g, partnerCheckpoints, asOfMs),
  };
}
