import type { SeenActivity } from '../domain/activity-view.ts';
import { notifyActivity, planActivity } from '../service/activities.ts';
import { escalateOverdue } from '../service/activity-escalation.ts';
import { answerActivity, approveActivity, stepActivity } from '../service/activity-steps.ts';
import type { Actor } from '../service/actor.ts';
import { actorForUser } from '../service/actor-for-user.ts';
import { startAlertEngine } from '../service/alert-engine.ts';
import { addDefaultAlertRules, createAlertRule } from '../service/alert-rules.ts';
import { createIncidents } from '../service/incidents.ts';
import { createSupportRequest, escalateOverdueRequests, takeSupportRequestStep } from '../service/support-requests.ts';
import { openStore, type Store } from '../store/store.ts';
import type { DemoCoordination, DemoStep } from './coordination-gen.ts';

/** What the week left behind: how many activities, requests and incidents it wrote, by key. */
export interface CoordinationResult {
  activities: Map<string, string>;
  requests: Map<string, string>;
  incidents: number;
}

const idOf = (s: SeenActivity) => (s.seen === 'record' ? s.activity.id : s.notice.id);

/**
 * Replays the demo's week of coordination through the same service commands the API calls — one
 * write path: every plan, notification, answer, request, step and sweep is a command of its user —
 * with the clock at each step's time. The commands run on a second connection to the same database
 * file whose clock the week moves (the store's own clock is the real one), sharing the store's bus;
 * the alert engine runs on it too, settled after each step, so each alert is raised when its
 * change happens. A step that fails stops the load with that error.
 */
export async function loadCoordination(store: Store, week: DemoCoordination): Promise<CoordinationResult> {
  const result: CoordinationResult = { activities: new Map(), requests: new Map(), incidents: 0 };
  if (week.steps.length === 0) return result;
  let now = Date.parse(week.steps[0].at);
  const sim = openStore(store.file, { now: () => new Date(now), bus: store.bus });
  const engine = startAlertEngine(sim, { pollMs: 3_600_000 });
  const actors = new Map<string, Actor>();
  const actor = async (username: string) => {
    let a = actors.get(username);
    if (!a) {
      a = await actorForUser(sim, username);
      actors.set(username, a);
    }
    return a;
  };
  const activity = (key: string) => {
    const id = result.activities.get(key);
    if (!id) throw new Error(`demo week: no activity "${key}" planned before it is used`);
    return id;
  };
  const request = (key: string) => {
    const id = result.requests.get(key);
    if (!id) throw new Error(`demo week: no request "${key}" made before it is used`);
    return id;
  };
  const run = async (step: DemoStep): Promise<void> => {
    switch (step.do) {
      case 'sweep':
        await escalateOverdueRequests(sim, new Date(now));
        await escalateOverdue(sim, new Date(now));
        return;
      case 'default_rules':
        await addDefaultAlertRules(sim, (await actor(step.user)).org, (await actor(step.user)).userId);
        return;
      case 'rule':
        await createAlertRule(sim, await actor(step.user), step.body as Parameters<typeof createAlertRule>[2]);
        return;
      case 'plan':
        result.activities.set(
          step.key,
          idOf(await planActivity(sim, await actor(step.user), step.body, { exercise: true })),
        );
        return;
      case 'notify':
        await notifyActivity(sim, await actor(step.user), activity(step.key));
        return;
      case 'acknowledge':
      case 'concern':
        await answerActivity(
          sim,
          await actor(step.user),
          activity(step.key),
          step.do === 'acknowledge' ? 'acknowledged' : 'concern',
          step.comment === null ? {} : { comment: step.comment },
        );
        return;
      case 'approve':
        await approveActivity(sim, await actor(step.user), activity(step.key));
        return;
      case 'start':
      case 'done':
      case 'cancel': {
        const id = activity(step.key);
        const current = await sim.activities.find(id);
        if (!current) throw new Error(`demo week: activity ${id} is gone`);
        await stepActivity(sim, await actor(step.user), id, step.do, current.version, step.reason ?? null);
        return;
      }
      case 'request':
        result.requests.set(step.key, (await createSupportRequest(sim, await actor(step.user), step.body)).request.id);
        return;
      case 'request_step':
        await takeSupportRequestStep(sim, await actor(step.user), request(step.key), step.input);
        return;
      case 'report':
        result.incidents += (
          await createIncidents(sim, await actor(step.user), [step.body], { exercise: true })
        ).length;
        return;
    }
  };
  try {
    for (const step of week.steps) {
      now = Date.parse(step.at);
      try {
        await run(step);
      } catch (err) {
        throw new Error(`demo week: ${step.do} by ${step.user} at ${step.at} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      await engine.settled();
    }
  } finally {
    await engine.stop();
    sim.close();
  }
  return result;
}
