import { type ReferencedIncidents, seeIncident } from '../access/incident.ts';
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
import type { RecordType } from '../store/write-path.ts';
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

/** What the access functions need besides the reader and the record, gathered once per batch of changes. */
export interface StreamReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
}

/** What a reader may be told of one committed record: the record as presented to them, or null. */
type StreamedPresenter = (data: unknown, reader: Actor, context: StreamReadContext) => unknown | null;

/**
 * The record types a stream carries, each with what its reader may see of it. Organisations,
 * JCCs, coordination lines and sharing groups are site reference every user reads; users, tokens,
 * boundaries, gap snapshots and other site configuration are not listed, so never streamed.
 */
const streamed: Partial<Record<RecordType, StreamedPresenter>> = {
  incident: (data, reader, { facts, gridKm, referenced }) => {
    const seen = seeIncident(reader, incidentFromSnapshot(data), facts, gridKm, referenced);
    return seen && presentSeen(seen);
  },
  presence: (data, reader, { facts }) => {
    const p = seePresence(reader, data as Presence, facts);
    return p && presentPresence(p);
  },
  jcc: (data) => presentJcc(data as Jcc),
  coordination_line: (data) => presentLine(data as CoordinationLine),
  organisation: (data) => presentOrganisation(data as Organisation),
  sharing_group: (data) => presentSharingGroup(data as SharingGroup),
};

/**
 * What a user may be told of one committed change: the record as the REST API would present it
 * to them (or its tearline), or nothing. Record types not in `streamed` are never streamed;
 * deletions are not streamed until a record type can be deleted.
 */
export function presentChange(entry: ChangeLogEntry, actor: Actor, context: StreamReadContext): PresentedChange | null {
  if (entry.op === 'delete' || entry.data === null) return null;
  const present = Object.hasOwn(streamed, entry.recordType) ? streamed[entry.recordType as RecordType] : undefined;
  const record = present?.(entry.data, actor, context) ?? null;
  if (record === null) return null;
  return { event: entry.recordType, data: { seq: entry.seq, op: entry.op, at: entry.at, record } };
}
