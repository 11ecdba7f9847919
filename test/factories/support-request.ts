import type { Role } from '../../src/domain/roles.ts';
import type { SupportRequest } from '../../src/domain/support-request.ts';
import type { TestServer } from '../harness/fixture.ts';

/** Every role, so that each organisation has a user `<org>-<role>` for each. */
export const allRoles: Role[] = ['viewer', 'reporter', 'analyst', 'liaison', 'admin'];

/** A clock a test moves by hand; the store and server read it. */
export function manualClock(start = '2026-03-01T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(iso: string) {
      t = Date.parse(iso);
    },
  };
}

/** A valid body for POST /api/v1/requests: logistics near Kirkuk, needed now, addressed to `to`. */
export function requestBody(
  now: Date,
  to: { addressed_org: string } | { addressed_jcc: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    kind: 'logistics',
    priority: 'priority',
    lon: 44.39,
    lat: 35.47,
    needed_at: new Date(now.getTime() + 3_600_000).toISOString(),
    details: 'fuel for two vehicles',
    ...to,
    ...extra,
  };
}

/** The MEDEVAC 9-line fields of two patients, both valid. */
export function medevacLines(): Record<string, unknown> {
  return {
    frequency: '38.90',
    call_sign: 'NINEVEH 6',
    patients_by_precedence: { urgent: 1, priority: 1 },
    equipment: ['none'],
    litter: 1,
    ambulatory: 1,
    security: 'possible_enemy',
    marking: 'smoke',
    patients_by_status: { own_military: 2 },
    nbc: 'none',
    terrain: 'flat, open field south of the road',
  };
}

/** A support request record as the store keeps it, for tests that write one directly. */
export function supportRequestRecord(id: string, at: string, overrides: Partial<SupportRequest> = {}): SupportRequest {
  return {
    id,
    kind: 'logistics',
    requesterOrg: 'isf',
    addressedOrg: 'peshmerga',
    addressedJcc: null,
    priority: 'routine',
    respondBy: new Date(Date.parse(at) + 86_400_000).toISOString(),
    lon: 44.39,
    lat: 35.47,
    neededAt: at,
    neededUntil: null,
    details: 'water',
    medevac: null,
    linkedIncident: null,
    releasability: { scope: 'org' },
    state: 'requested',
    responderOrg: null,
    declineReason: null,
    question: null,
    answer: null,
    assignedUnit: null,
    cancelReason: null,
    acceptedAt: null,
    completedAt: null,
    escalatedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}

/** Signs each user in, once: their session cookies by username. */
export async function signInAll(s: TestServer, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = await s.signIn(n);
  return out;
}
