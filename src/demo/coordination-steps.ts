import type { Position } from '../domain/geojson.ts';
import type { StepInput } from '../domain/support-request-steps.ts';

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

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Adds a step at a time (dropped when it lies after asOf: the week ends where the scenario stands). */
export type AddStep = (ms: number, step: DistributiveOmit<DemoStep, 'at'>) => void;

/** The forces that plan on either side of the line. */
export type Force = 'isf' | 'peshmerga';

/** A point `depthKm` into a force's side of the line (negative: across it) at a chainage. */
export type PointOnSide = (org: Force, chainage: number, depthKm: number) => Position;
