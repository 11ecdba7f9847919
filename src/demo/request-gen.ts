import type { StepInput } from '../domain/support-request-steps.ts';
import type { AddStep, Force, PointOnSide } from './coordination-steps.ts';
import type { Random } from './random.ts';
import type { ScenarioGeometry } from './scenario-geometry.ts';

/** Support requests of the week, in every state; the freshest urgent and priority ones left unanswered past their deadline. */
export function generateRequests(r: Random, g: ScenarioGeometry, asOfMs: number, add: AddStep, at: PointOnSide): void {
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
