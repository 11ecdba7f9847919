import type { Position } from '../domain/geojson.ts';
import type { AddStep, DemoCoordination, DemoStep, Force } from './coordination-steps.ts';
import type { Random } from './random.ts';
import { generateRequests } from './request-gen.ts';
import type { ScenarioGeometry } from './scenario-geometry.ts';

export type { DemoCoordination, DemoStep } from './coordination-steps.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const round5 = (p: Position): Position => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const orgs: readonly Force[] = ['isf', 'peshmerga'];

/**
 * The demo's week of coordination around `asOfMs`: each organisation's alert rules; daily recurring
 * patrols of both forces; operations, movements and checkpoint set-ups past (done), under way and to
 * come (notified, acknowledged, a concern raised, one left unanswered until the JCC's liaison is
 * told); a patrol crossing a partner's checkpoint; an activity that conflicts with one released to
 * its owner alone; one joint ISF–Peshmerga operation; the coalition's ISR flights; and support
 * requests in every state, some left unanswered past their deadline. Pure and deterministic: the
 * same random stream, geometry and checkpoints give the same steps.
 */
export function generateCoordination(
  r: Random,
  g: ScenarioGeometry,
  partnerCheckpoints: ReadonlyArray<{ org: string; at: Position; name: string }>,
  asOfMs: number,
): DemoCoordination {
  const steps: DemoStep[] = [];
  const day0 = Math.floor(asOfMs / dayMs) * dayMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  /** A time `d` days and `h` hours from the start of asOf's day. */
  const t = (d: number, h: number) => day0 + d * dayMs + h * hourMs;
  const add: AddStep = (ms, step) => {
    // Nothing happens after asOf: the week ends where the scenario stands.
    if (ms <= asOfMs) steps.push({ ...step, at: iso(ms) } as DemoStep);
  };
  const sideOf = (org: Force) => (org === g.leftOrg ? 1 : -1);
  const length = g.locator.lengthKm;
  /** A point `depthKm` into an organisation's side (negative: across the line) at a chainage. */
  const at = (org: Force, chainage: number, depthKm: number) =>
    round5(g.locator.pointAt(Math.min(length - 1, Math.max(1, chainage)), sideOf(org) * depthKm));
  const liaison = (org: string) => `${org}-liaison`;
  const other = (org: Force): Force => (org === 'isf' ? 'peshmerga' : 'isf');
  const start = t(-7, 0);

  // Alert rules, set up at the start of the week by each organisation's analyst.
  for (const org of ['isf', 'peshmerga', 'coalition']) {
    add(start, { do: 'default_rules', user: `${org}-analyst` });
    add(start + 60_000, {
      do: 'rule',
      user: `${org}-analyst`,
      body: { name: 'Incidents near our planned activities', kind: 'incident_near_activity', radius_km: 5 },
    });
  }

  let n = 0;
  const key = (what: string) => `${what}-${++n}`;
  const route = (org: Force, chainage: number, depthKm: number, lengthKm: number, bufferKm = 1) => ({
    shape: 'route',
    points: [
      at(org, chainage, depthKm),
      at(org, chainage + lengthKm / 2, depthKm + 1),
      at(org, chainage + lengthKm, depthKm),
    ],
    buffer_km: bufferKm,
  });
  /** Plans, notifies and lets every other organisation acknowledge an activity: `acknowledged` by `readyMs`. */
  const announced = (
    org: Force,
    body: Record<string, unknown>,
    plannedMs: number,
    answer: 'all' | 'concern' | 'none' = 'all',
  ) => {
    const k = key(`${org}-activity`);
    add(plannedMs, { do: 'plan', key: k, user: liaison(org), body });
    add(plannedMs + 10 * 60_000, { do: 'notify', key: k, user: liaison(org) });
    if (answer === 'all') {
      add(plannedMs + r.int(20, 90) * 60_000, {
        do: 'acknowledge',
        key: k,
        user: liaison(other(org)),
        comment: r.chance(0.5) ? 'Noted; our posts are informed.' : null,
      });
      add(plannedMs + r.int(30, 120) * 60_000, {
        do: 'acknowledge',
        key: k,
        user: liaison('coalition'),
        comment: null,
      });
    }
    if (answer === 'concern') {
      add(plannedMs + r.int(20, 60) * 60_000, {
        do: 'concern',
        key: k,
        user: liaison(other(org)),
        comment: 'Our checkpoint sits on this route: coordinate the passage with the post commander first.',
      });
    }
    return k;
  };

  for (const org of orgs) {
    const base = r.range(0.1, 0.6) * length;
    // Daily patrols along the force's own side of the gap, every morning of the week and three days on.
    for (const [p, depth] of [
      [0, 4],
      [1, 7],
    ] as const) {
      const c = base + p * 40;
      const k = announced(
        org,
        {
          kind: 'patrol',
          unit: `${org === 'isf' ? 'ISF' : 'Peshmerga'} ${p === 0 ? 'Border' : 'Rapid'} Patrol ${r.int(1, 9)}`,
          area: route(org, c, depth, 15, 1),
          start: iso(t(-6, 5 + p)),
          end: iso(t(-6, 9 + p)),
          recurrence: { until: iso(t(3, 0)).slice(0, 10) },
          contact: `${org === 'isf' ? 'ISF' : 'Peshmerga'} duty officer, JCC`,
        },
        t(-7, 9),
      );
      add(t(-6, 4), { do: 'start', key: k, user: liaison(org) });
      // An incident beside the patrol's route one morning, reported by the patrol itself.
      const d = -r.int(1, 5);
      const where = at(org, c + r.range(4, 10), depth + r.range(2, 3));
      add(t(d, 7 + p), {
        do: 'report',
        user: `${org}-reporter`,
        body: {
          type: p === 0 ? 'ied' : 'sighting',
          time: iso(t(d, 7 + p)),
          lon: where[0],
          lat: where[1],
          narrative:
            p === 0
              ? 'EXERCISE: patrol found a roadside device beside the route; area cordoned.'
              : 'EXERCISE: patrol observed two vehicles moving without lights into the gap.',
        },
      });
    }
    // Two operations done earlier in the week.
    for (const d of [-5, -3]) {
      const c = r.range(0.1, 0.9) * length;
      const s = t(d, r.int(4, 10));
      const k = announced(
        org,
        {
          kind: r.chance(0.5) ? 'operation' : 'movement',
          unit: `${org === 'isf' ? 'ISF' : 'Peshmerga'} ${['1st', '2nd', '3rd', '4th'][r.int(0, 3)]} Battalion`,
          area: { shape: 'point', at: at(org, c, r.range(5, 10)), radius_km: 3 },
          start: iso(s),
          end: iso(s + r.int(3, 8) * hourMs),
          contact: 'Operations cell',
        },
        s - 2 * dayMs,
      );
      add(s, { do: 'start', key: k, user: liaison(org) });
      add(s + 8 * hourMs, { do: 'done', key: k, user: liaison(org) });
    }
    // One under way now.
    {
      const s = asOfMs - 2 * hourMs;
      const k = announced(
        org,
        {
          kind: 'checkpoint_setup',
          unit: `${org === 'isf' ? 'ISF' : 'Peshmerga'} Engineers`,
          area: { shape: 'point', at: at(org, r.range(0.2, 0.8) * length, 6), radius_km: 2 },
          start: iso(s),
          end: iso(s + 6 * hourMs),
          contact: 'Engineer liaison',
        },
        s - dayMs,
      );
      add(s, { do: 'start', key: k, user: liaison(org) });
    }
    // One cancelled, and one still a draft for tomorrow.
    {
      const s = t(2, 8);
      const k = key(`${org}-activity`);
      add(t(-2, 11), {
        do: 'plan',
        key: k,
        user: liaison(org),
        body: {
          kind: 'exercise',
          unit: `${org === 'isf' ? 'ISF' : 'Peshmerga'} Training Company`,
          area: { shape: 'point', at: at(org, r.range(0.2, 0.8) * length, 12), radius_km: 2 },
          start: iso(s),
          end: iso(s + 4 * hourMs),
        },
      });
      add(t(-1, 9), { do: 'cancel', key: k, user: liaison(org), reason: 'Company reassigned to the screen' });
      add(asOfMs - hourMs, {
        do: 'plan',
        key: key(`${org}-activity`),
        user: liaison(org),
        body: {
          kind: 'movement',
          unit: `${org === 'isf' ? 'ISF' : 'Peshmerga'} Logistics Convoy`,
          area: route(org, r.range(0.2, 0.7) * length, 9, 25, 0.5),
          start: iso(t(1, 7)),
          end: iso(t(1, 12)),
        },
      });
    }
  }

  // An ISF patrol crossing a Peshmerga checkpoint's circle tomorrow: Peshmerga raises a concern.
  const crossed = partnerCheckpoints.find((c) => c.org === 'peshmerga');
  if (crossed) {
    const from = g.locator.locate(crossed.at).chainageKm;
    announced(
      'isf',
      {
        kind: 'patrol',
        unit: 'ISF 5th Battalion',
        area: { shape: 'route', points: [at('isf', from, 6), crossed.at], buffer_km: 1 },
        start: iso(t(1, 6)),
        end: iso(t(1, 11)),
        contact: 'ISF 5th Battalion operations',
      },
      asOfMs - 6 * hourMs,
      'concern',
    );
  }

  // ISF's own raid, released to ISF alone, and a Peshmerga movement across the line into its area
  // the same morning: Peshmerga's conflict with it is a tearline (there is one, whom to call, when).
  {
    const c = r.range(0.3, 0.7) * length;
    const raid = key('isf-activity');
    add(asOfMs - 20 * hourMs, {
      do: 'plan',
      key: raid,
      user: liaison('isf'),
      body: {
        kind: 'operation',
        unit: 'ISF Counter-Terrorism Service',
        area: { shape: 'point', at: at('isf', c, 3), radius_km: 2 },
        start: iso(t(1, 3)),
        end: iso(t(1, 7)),
        releasability: 'org',
        contact: 'CTS liaison at the JCC',
      },
    });
    add(asOfMs - 19 * hourMs, { do: 'notify', key: raid, user: liaison('isf') });
    announced(
      'peshmerga',
      {
        kind: 'movement',
        unit: 'Peshmerga 70th Forces convoy',
        area: { shape: 'route', points: [at('peshmerga', c, 8), at('isf', c, 3)], buffer_km: 0.5 },
        start: iso(t(1, 5)),
        end: iso(t(1, 9)),
        contact: 'Peshmerga liaison, JCC',
      },
      asOfMs - 4 * hourMs,
      'none',
    );
  }

  // A movement starting within the hour, whose notification nobody answered: escalated to the JCC's liaison.
  announced(
    'peshmerga',
    {
      kind: 'movement',
      unit: 'Peshmerga Supply Column',
      area: route('peshmerga', r.range(0.2, 0.8) * length, 5, 20, 0.5),
      start: iso(asOfMs + hourMs),
      end: iso(asOfMs + 5 * hourMs),
      contact: 'Peshmerga logistics officer',
    },
    asOfMs - 5 * hourMs,
    'none',
  );

  // The joint ISF–Peshmerga operation in the gap, the day after tomorrow: both approve, the coalition acknowledges.
  {
    const c = r.range(0.3, 0.7) * length;
    const joint = key('joint-activity');
    add(t(-2, 10), {
      do: 'plan',
      key: joint,
      user: liaison('isf'),
      body: {
        kind: 'operation',
        unit: 'Joint Task Force Sahel',
        owner_orgs: ['isf', 'peshmerga'],
        area: {
          shape: 'polygon',
          points: [
            at('isf', c, 4),
            at('isf', c + 8, 4),
            at('peshmerga', c + 8, 4),
            at('peshmerga', c, 4),
            at('isf', c, 4),
          ],
        },
        start: iso(t(2, 4)),
        end: iso(t(2, 16)),
        contact: 'Joint operations room, JCC',
        releasability: 'coalition',
      },
    });
    add(t(-2, 11), { do: 'notify', key: joint, user: liaison('isf') });
    add(t(-1, 8), { do: 'approve', key: joint, user: liaison('peshmerga') });
    add(t(-1, 10), { do: 'acknowledge', key: joint, user: liaison('coalition'), comment: 'ISR support available' });
  }

  // The coalition's ISR flights over the zone: one flown, one tomorrow.
  for (const d of [-4, 1]) {
    const c = r.range(0.2, 0.8) * length;
    const k = key('coalition-activity');
    const s = t(d, 20);
    add(s - dayMs, {
      do: 'plan',
      key: k,
      user: liaison('coalition'),
      body: {
        kind: 'air_isr',
        unit: 'Coalition ISR detachment',
        area: { shape: 'point', at: round5(g.locator.pointAt(c, 0)), radius_km: 15 },
        start: iso(s),
        end: iso(s + 6 * hourMs),
        releasability: 'coalition',
        contact: 'Coalition liaison officer',
      },
    });
    add(s - dayMs + 10 * 60_000, { do: 'notify', key: k, user: liaison('coalition') });
    for (const org of orgs)
      add(s - dayMs + r.int(30, 180) * 60_000, { do: 'acknowledge', key: k, user: liaison(org), comment: null });
    add(s, { do: 'start', key: k, user: liaison('coalition') });
    add(s + 7 * hourMs, { do: 'done', key: k, user: liaison('coalition') });
  }

  generateRequests(r, g, asOfMs, add, at);

  // The server's sweeps, as they run every 30 s: the last one at asOf.
  for (let d = -6; d <= 0; d++) add(Math.min(t(d, 23.99), asOfMs), { do: 'sweep', user: 'system' });
  add(asOfMs, { do: 'sweep', user: 'system' });
  steps.sort((a, b) => a.at.localeCompare(b.at));
  return { steps };
}
