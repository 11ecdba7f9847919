import type { Position } from '../domain/geojson.ts';
import type { StepInput } from '../domain/support-request-steps.ts';
import type { Random } from './random.ts';
import type { ScenarioGeometry } from './scenario-geometry.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * One thing a demo user does during the coordination week, at a time: each is replayed through the
 * same service command the API calls, with the store's clock set to that time. `key` names the
 * activity or request the step acts on (the loader keeps the ids it was given).
 */
export type DemoStep = { at: string; user: string } & (
  | { do: 'rule'; body: Record<string, unknown> }
  | { do: 'default_rules' }
  | { do: 'plan'; key: string; body: Record<string, unknown> }
  | { do: 'notify'; key: string }
  | { do: 'acknowledge' | 'concern'; key: string; comment: string | null }
  | { do: 'approve'; key: string }
  | { do: 'start' | 'done' | 'cancel'; key: string; reason?: string }
  | { do: 'request'; key: string; body: Record<string, unknown> }
  | { do: 'request_step'; key: string; input: StepInput }
  /** An incident reported during the week (the week's alerts about incidents come from these). */
  | { do: 'report'; body: Record<string, unknown> }
  /** The server's sweeps at this time: overdue requests and unanswered notifications are escalated. */
  | { do: 'sweep' }
);

/** The week of coordination before the scenario's asOf, in the order it happens. */
export interface DemoCoordination {
  steps: DemoStep[];
}

const round5 = (p: Position): Position => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const orgs = ['isf', 'peshmerga'] as const;
type Force = (typeof orgs)[number];

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
  const add = (ms: number, step: DistributiveOmit<DemoStep, 'at'>) => {
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

  requests(r, g, asOfMs, add, at);

  // The server's sweeps, as they run every 30 s: the last one at asOf.
  for (let d = -6; d <= 0; d++) add(Math.min(t(d, 23.99), asOfMs), { do: 'sweep', user: 'system' });
  add(asOfMs, { do: 'sweep', user: 'system' });
  steps.sort((a, b) => a.at.localeCompare(b.at));
  return { steps };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Support requests of the week, in every state; the freshest urgent and priority ones left unanswered past their deadline. */
function requests(
  r: Random,
  g: ScenarioGeometry,
  asOfMs: number,
  add: (ms: number, step: DistributiveOmit<DemoStep, 'at'>) => void,
  at: (org: Force, chainage: number, depthKm: number) => Position,
): void {
  const length = g.locator.lengthKm;
  let n = 0;
  const minutes = (m: number) => m * 60_000;
  const ask = (
    from: Force | 'coalition',
    to: { addressed_org: string } | { addressed_jcc: string },
    kind: string,
    priority: string,
    createdMs: number,
    details: string,
    extra: Record<string, unknown> = {},
  ) => {
    const k = `request-${++n}`;
    const where = at(from === 'coalition' ? 'isf' : from, r.range(0.1, 0.9) * length, r.range(2, 12));
    add(createdMs, {
      do: 'request',
      key: k,
      user: `${from}-liaison`,
      body: {
        kind,
        priority,
        lon: where[0],
        lat: where[1],
        needed_at: new Date(createdMs + minutes(r.int(30, 240))).toISOString(),
        details: `EXERCISE: ${details}`,
        ...to,
        ...extra,
      },
    });
    return k;
  };
  const step = (ms: number, user: string, k: string, input: StepInput) =>
    add(ms, { do: 'request_step', key: k, user, input });
  const jcc = g.aors[r.int(0, g.aors.length - 1)].code;

  // Done: an EOD team cleared a device; a MEDEVAC flown.
  const eod = ask(
    'isf',
    { addressed_org: 'coalition' },
    'eod',
    'priority',
    asOfMs - 5 * 24 * 60 * minutes(1),
    'Suspected IED on the road south of the checkpoint; route closed.',
  );
  step(asOfMs - 5 * 1440 * minutes(1) + minutes(25), 'coalition-liaison', eod, { step: 'accept' });
  step(asOfMs - 5 * 1440 * minutes(1) + minutes(40), 'coalition-liaison', eod, {
    step: 'assign',
    unit: 'EOD Team Bravo',
  });
  step(asOfMs - 5 * 1440 * minutes(1) + minutes(120), 'coalition-liaison', eod, { step: 'start' });
  step(asOfMs - 5 * 1440 * minutes(1) + minutes(300), 'coalition-liaison', eod, { step: 'complete' });
  const medevacAt = asOfMs - 3 * 1440 * minutes(1);
  const medevac = ask(
    'peshmerga',
    { addressed_org: 'coalition' },
    'medevac',
    'urgent',
    medevacAt,
    'Two wounded after a checkpoint attack.',
    {
      medevac: {
        frequency: '38.90',
        call_sign: 'ZOZAN 2',
        patients_by_precedence: { urgent: 1, priority: 1 },
        equipment: ['none'],
        litter: 1,
        ambulatory: 1,
        security: 'possible_enemy',
        marking: 'smoke',
        patients_by_status: { partner_military: 2 },
        nbc: 'none',
        terrain: 'open ground north of the post',
      },
    },
  );
  step(medevacAt + minutes(8), 'coalition-liaison', medevac, { step: 'accept' });
  step(medevacAt + minutes(10), 'coalition-liaison', medevac, { step: 'assign', unit: 'DUSTOFF 21' });
  step(medevacAt + minutes(15), 'coalition-liaison', medevac, { step: 'start' });
  step(medevacAt + minutes(70), 'coalition-liaison', medevac, { step: 'complete' });
  // Under way: ISR over the gap for the Peshmerga; assigned: ISF logistics from the Peshmerga.
  const isr = ask(
    'peshmerga',
    { addressed_org: 'coalition' },
    'isr',
    'priority',
    asOfMs - 10 * 60 * minutes(1),
    'Overwatch of the wadi crossing during tonight’s movement.',
  );
  step(asOfMs - 10 * 60 * minutes(1) + minutes(40), 'coalition-liaison', isr, { step: 'accept' });
  step(asOfMs - 10 * 60 * minutes(1) + minutes(60), 'coalition-liaison', isr, {
    step: 'assign',
    unit: 'Coalition ISR detachment',
  });
  step(asOfMs - minutes(90), 'coalition-liaison', isr, { step: 'start' });
  const fuel = ask(
    'isf',
    { addressed_org: 'peshmerga' },
    'logistics',
    'routine',
    asOfMs - 2 * 1440 * minutes(1),
    'Fuel for six vehicles at the joint post.',
  );
  step(asOfMs - 2 * 1440 * minutes(1) + minutes(300), 'peshmerga-liaison', fuel, { step: 'accept' });
  step(asOfMs - 1440 * minutes(1), 'peshmerga-liaison', fuel, {
    step: 'assign',
    unit: 'Peshmerga 2nd Support Company',
  });
  // Accepted, declined, needing information, cancelled.
  const qrf = ask(
    'peshmerga',
    { addressed_org: 'isf' },
    'qrf',
    'priority',
    asOfMs - 8 * 60 * minutes(1),
    'Quick reaction force on standby for the convoy tomorrow.',
  );
  step(asOfMs - 8 * 60 * minutes(1) + minutes(45), 'isf-liaison', qrf, { step: 'accept' });
  const eng = ask(
    'isf',
    { addressed_org: 'peshmerga' },
    'engineering',
    'routine',
    asOfMs - 4 * 1440 * minutes(1),
    'Bulldozer to rebuild the berm at the crossing.',
  );
  step(asOfMs - 4 * 1440 * minutes(1) + minutes(600), 'peshmerga-liaison', eng, {
    step: 'decline',
    reason: 'No plant available this week.',
  });
  const info = ask(
    'coalition',
    { addressed_jcc: jcc },
    'logistics',
    'routine',
    asOfMs - 20 * 60 * minutes(1),
    'Water resupply for the JCC’s joint post.',
  );
  step(asOfMs - 20 * 60 * minutes(1) + minutes(120), 'isf-liaison', info, {
    step: 'needs_information',
    question: 'How many litres, and by when?',
  });
  const asked = ask(
    'isf',
    { addressed_org: 'coalition' },
    'isr',
    'routine',
    asOfMs - 30 * 60 * minutes(1),
    'Imagery of the village east of the line.',
  );
  step(asOfMs - 30 * 60 * minutes(1) + minutes(90), 'coalition-liaison', asked, {
    step: 'needs_information',
    question: 'Which village: give a grid reference.',
  });
  step(asOfMs - 30 * 60 * minutes(1) + minutes(150), 'isf-liaison', asked, {
    step: 'answer',
    answer: 'The village at the wadi bend, 3 km east of CP-04.',
  });
  step(asOfMs - 30 * 60 * minutes(1) + minutes(200), 'coalition-liaison', asked, { step: 'accept' });
  const dropped = ask(
    'peshmerga',
    { addressed_org: 'isf' },
    'other',
    'routine',
    asOfMs - 3 * 1440 * minutes(1),
    'Interpreter for the joint patrol briefing.',
  );
  step(asOfMs - 3 * 1440 * minutes(1) + minutes(60), 'peshmerga-liaison', dropped, {
    step: 'cancel',
    reason: 'Briefing moved to the JCC.',
  });
  // Waiting, in time: a routine request of this morning.
  ask(
    'isf',
    { addressed_jcc: jcc },
    'engineering',
    'routine',
    asOfMs - 3 * 60 * minutes(1),
    'Survey of the culvert under the line road.',
  );
  // Overdue, and escalated by the sweep: an urgent QRF asked 40 min ago, a priority EOD 3 h ago.
  ask(
    'isf',
    { addressed_org: 'peshmerga' },
    'qrf',
    'urgent',
    asOfMs - minutes(40),
    'Contact at the checkpoint; QRF needed now.',
  );
  ask(
    'peshmerga',
    { addressed_jcc: jcc },
    'eod',
    'priority',
    asOfMs - 3 * 60 * minutes(1),
    'Unexploded mortar round near the village well.',
  );
}
