import { seeIncident } from '../access/incident.ts';
import type { AccessFacts } from '../access/policy.ts';
import { seePresence } from '../access/presence.ts';
import type { CoordinationLine } from '../domain/coordination-line.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { Organisation } from '../domain/organisation.ts';
import type { Presence } from '../domain/presence.ts';
import type { Actor } from '../service/actor.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import { incidentFromSnapshot } from '../store/incident-snapshot.ts';
import type { SharingGroup } from '../store/sharing-groups.ts';
import { presentSeen } from './presenters/incident.ts';
import {
  presentJcc,
  presentLine,
  presentOrganisation,
  presentPresence,
  presentSharingGroup,
} from './presenters/records.ts';

export interface PresentedChange {
  event: string;
  data: { seq: number; op: string; at: string; record: unknown };
}

/**
 * What a user may be told of one committed change: the record as the REST API would present it
 * to them (or its tearline), or nothing. Users, tokens and other site configuration are never
 * streamed; deletions are not streamed until a record type can be deleted.
 */
export function presentChange(
  entry: ChangeLogEntry,
  actor: Actor,
  facts: AccessFacts,
  gridKm: number,
): PresentedChange | null {
  if (entry.op === 'delete' || entry.data === null) return null;
  const wrap = (record: unknown): PresentedChange => ({
    event: entry.recordType,
    data: { seq: entry.seq, op: entry.op, at: entry.at, record },
  });
  switch (entry.recordType) {
    case 'incident': {
      const seen = seeIncident(actor, incidentFromSnapshot(entry.data), facts, gridKm);
      return seen && wrap(presentSeen(seen));
    }
    case 'presence': {
      const p = seePresence(actor, entry.data as Presence, facts);
      return p && wrap(presentPresence(p));
    }
    case 'jcc':
      return wrap(presentJcc(entry.data as Jcc));
    case 'coordination_line':
      return wrap(presentLine(entry.data as CoordinationLine));
    case 'organisation':
      return wrap(presentOrganisation(entry.data as Organisation));
    case 'sharing_group':
      return wrap(presentSharingGroup(entry.data as SharingGroup));
    default:
      return null;
  }
}
