import type { Activity, Conflict } from '../domain/activity.ts';
import type { ActivityNotice, ConflictView, NotificationView, SeenActivity } from '../domain/activity-view.ts';
import { formatReleasability } from '../domain/releasability.ts';
import { areaAnchor } from '../geo/activity-area.ts';
import { snapToGrid } from '../geo/grid.ts';
import { type AccessFacts, leastOf, type Reader, type Shareable, type Visibility, visibility } from './policy.ts';

/**
 * Who may see the record a conflict is with, as it is now (not as it was when the conflict was
 * found): its sharing facts and, for an activity, every owner; undefined for a record that is gone.
 */
export type ConflictSharing = (
  c: Pick<Conflict, 'with' | 'recordId'>,
) => (Shareable & { owners?: readonly string[] }) | undefined;

/** An activity's sharing facts: its first owner, releasability, JCC and tearline. */
export function activityShareable(a: Pick<Activity, 'ownerOrgs' | 'releasability' | 'jcc' | 'tearline'>): Shareable {
  return { ownerOrg: a.ownerOrgs[0], releasability: a.releasability, jcc: a.jcc, tearline: a.tearline };
}

/** Whether a reader may see an activity whole, through its tearline, or not at all: every owner of a joint activity sees it whole. */
export function activityVisibility(
  reader: Reader,
  a: Pick<Activity, 'ownerOrgs' | 'releasability' | 'jcc' | 'tearline'>,
  facts: AccessFacts,
): Visibility {
  // An audience reader (a SITREP's) sees what every organisation of its audience sees, owners included.
  return leastOf(reader, (one) =>
    a.ownerOrgs.includes(one.org) ? 'record' : visibility(one, activityShareable(a), facts),
  );
}

/** Whether a reader may see, whole, the record a conflict is with. */
export function conflictVisible(reader: Reader, c: Conflict, facts: AccessFacts, sharing: ConflictSharing): boolean {
  const s = sharing(c);
  if (!s) return false;
  return leastOf(reader, (one) => (s.owners?.includes(one.org) ? 'record' : visibility(one, s, facts))) === 'record';
}

/**
 * A conflict as the reader may see it. One with a record the reader may not see whole is its
 * tearline: only that there is one, the JCC to contact and the overlap window — never the hidden
 * record's id, owner, kind, name, geometry or distance.
 */
export function seeConflict(reader: Reader, c: Conflict, facts: AccessFacts, sharing: ConflictSharing): ConflictView {
  return conflictVisible(reader, c, facts, sharing)
    ? { hidden: false, ...c }
    : { hidden: true, jcc: c.jcc, overlap: c.overlap };
}

/**
 * What a reader may see of one activity: the record (its conflicts and notifications through their
 * tearlines), a notice (its tearline, or because the reader's organisation was notified of it), or
 * nothing (null). Every read of activities — get, list, export, the live stream — decides here.
 */
export function seeActivity(
  reader: Reader,
  a: Activity,
  facts: AccessFacts,
  gridKm: number,
  sharing: ConflictSharing,
): SeenActivity | null {
  const v = activityVisibility(reader, a, facts);
  if (v === 'record') {
    const conflicts = a.conflicts.map((c) => seeConflict(reader, c, facts, sharing));
    const visibleOwners = new Set(conflicts.flatMap((c) => (c.hidden ? [] : [c.ownerOrg])));
    const notifications = a.notifications.map((n): NotificationView => {
      if (n.org === reader.org || visibleOwners.has(n.org)) return n;
      // Naming an organisation notified only for a conflict the reader may not see would reveal the hidden record's owner.
      const reasons = n.reasons.filter((r) => r === 'jcc');
      return reasons.length ? { ...n, reasons } : { ...n, org: null };
    });
    return { seen: 'record', activity: { ...a, conflicts, notifications } };
  }
  const notification = a.notifications.find((n) => n.org === reader.org) ?? null;
  const tearline = v === 'tearline' && a.tearline !== null ? a.tearline : null;
  if (!tearline && !notification) return null;
  const anchor = tearline ? areaAnchor(a.area) : null;
  const notice: ActivityNotice = {
    id: a.id,
    state: a.state,
    start: a.start,
    end: a.end,
    recurrence: a.recurrence,
    jcc: a.jcc,
    contact: a.contact,
    kind: tearline ? a.kind : null,
    location: anchor && snapToGrid(anchor[0], anchor[1], gridKm),
    summary: tearline?.summary ?? null,
    tearlineReleasability: tearline && formatReleasability(tearline.releasability),
    notification,
    concerns: a.conflicts
      .filter((c) => c.ownerOrg === reader.org)
      .map((c) => ({ with: c.with, recordId: c.recordId, overlap: c.overlap })),
    exercise: a.exercise,
    version: a.version,
  };
  return { seen: 'notice', notice };
}
