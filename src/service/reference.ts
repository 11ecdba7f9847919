import type { CoordinationLine } from '../domain/coordination-line.ts';
import { SeamError } from '../domain/errors.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { Organisation } from '../domain/organisation.ts';
import type { Store } from '../store/store.ts';

// Site reference every signed-in user reads: organisations, centres and coordination lines.

export function organisations(store: Store): Promise<Organisation[]> {
  return store.organisations.list();
}

export function jccs(store: Store): Promise<Jcc[]> {
  return store.jccs.list();
}

/** One centre; an unknown code is not found. */
export async function jcc(store: Store, code: string): Promise<Jcc> {
  const found = await store.jccs.find(code);
  if (!found) throw new SeamError('not_found', `no JCC "${code}"`);
  return found;
}

export function coordinationLines(store: Store): Promise<CoordinationLine[]> {
  return store.lines.list();
}

/** The newest change-log sequence number: how far this site's history has come. */
export function changeLogPosition(store: Store): Promise<number> {
  return store.changeLog.lastSeq();
}
