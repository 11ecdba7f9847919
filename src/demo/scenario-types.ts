import type { CoordinationLine } from '../domain/coordination-line.ts';
import type { Incident } from '../domain/incident.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { Presence } from '../domain/presence.ts';
import type { Role } from '../domain/roles.ts';
import type { DemoCoordination } from './coordination-gen.ts';

type Timestamps = 'createdAt' | 'updatedAt';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Everything the demo scenario holds, as plain values, ready to be written through the write path. */
export interface DemoScenario {
  seed: number;
  /** The moment the scenario is built for: incidents fall in the 90 days before it. */
  asOf: string;
  organisations: Array<{ code: string; name: string; nameAr: string; nameCkb: string }>;
  line: Omit<CoordinationLine, 'id' | Timestamps>;
  jccs: Array<Omit<Jcc, 'id' | Timestamps>>;
  presence: Array<DistributiveOmit<Presence, Timestamps>>;
  incidents: Array<Omit<Incident, Timestamps | 'version' | 'reporterId' | 'enrichment' | 'review' | 'duplicateOf'>>;
  users: Array<{ username: string; org: string; roles: Role[] }>;
  /** The week of coordination before asOf (activities, requests, alert rules), replayed through the service commands. */
  coordination: DemoCoordination;
}
