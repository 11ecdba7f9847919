import type { Activity } from '../domain/activity.ts';
import { occurrences } from '../domain/activity.ts';
import type { CoverageSource } from './coverage.ts';

/** The kinds of planned activity that put forces on the ground and so cover it: patrols, checkpoints, operations. */
export const coveringActivityKinds: readonly string[] = ['patrol', 'checkpoint_setup', 'operation'];

/** The states of an activity that is planned and sent (not a draft, not over, not cancelled). */
export const plannedActivityStates: readonly Activity['state'][] = [
  'notified',
  'acknowledged',
  'conflict_raised',
  'under_way',
];

/** Whether an activity counts as planned coverage: a covering kind, sent and not over. */
export function coversGround(a: Pick<Activity, 'kind' | 'state'>): boolean {
  return coveringActivityKinds.includes(a.kind) && plannedActivityStates.includes(a.state);
}

/**
 * A planned activity as the gap analysis counts coverage: one source per occurrence (a daily
 * patrol covers its route at its hours each day), a point with its radius as a checkpoint, a route
 * with its buffer as a patrol, a polygon as a unit's area; the first owner is its organisation.
 */
export function plannedCoverageSources(
  a: Pick<Activity, 'id' | 'kind' | 'ownerOrgs' | 'unit' | 'area' | 'start' | 'end' | 'recurrence'>,
): CoverageSource[] {
  const shape = a.area;
  const base =
    shape.shape === 'point'
      ? { kind: 'checkpoint' as const, geometry: shape.geometry, km: shape.radiusKm }
      : shape.shape === 'route'
        ? { kind: 'patrol' as const, geometry: shape.geometry, km: shape.bufferKm }
        : { kind: 'unit_aor' as const, geometry: shape.geometry, km: 0 };
  return occurrences(a).map(([from, to], k) => ({
    ...base,
    id: `${a.id}#${k}`,
    org: a.ownerOrgs[0],
    name: a.unit,
    activeFrom: new Date(from).toISOString(),
    activeTo: new Date(to).toISOString(),
    schedule: null,
  }));
}
