import { seeAlertSubject } from '../access/alert.ts';
import { type AlertCandidate, type PreparedRules, triggerFor } from '../domain/alerts.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { alertReadContext } from './alert-reads.ts';
import { preparedRulesCache } from './alert-rule-areas.ts';

const batchSize = 500;

export interface AlertEngineOptions {
  /** How often the engine looks at the change log without being woken (changes by another process). */
  pollMs?: number;
  onError?: (err: unknown) => void;
}

export interface AlertEngine {
  /** Resolves once every change committed before the call has been evaluated and its alerts written. */
  settled(): Promise<void>;
  /** Stops listening and waits for the round under way. */
  stop(): Promise<void>;
}

/** The record as the change before this one left it, for the triggers that compare (null: none). */
export type PreviousOf = (entry: ChangeLogEntry) => unknown | null;

/** The alerts a batch of committed changes calls for, once per rule, record and occurrence. */
export function candidatesOf(
  entries: readonly ChangeLogEntry[],
  prepared: PreparedRules,
  previousOf: PreviousOf = () => null,
): AlertCandidate[] {
  const out = new Map<string, AlertCandidate>();
  for (const entry of entries) {
    const trigger = entry.data === null ? null : triggerFor(entry.recordType, entry.op);
    if (!trigger) continue;
    const previous = trigger.needsPrevious ? previousOf(entry) : null;
    for (const c of trigger.evaluate({ seq: entry.seq, at: entry.at, data: entry.data, previous }, prepared)) {
      const key = `${c.rule.id}\u0000${c.subjectType}\u0000${c.subjectId}\u0000${c.occurrence}`;
      if (!out.has(key)) out.set(key, c);
    }
  }
  return [...out.values()];
}

/**
 * The previous version of each record in a batch whose trigger compares versions: the entry before it
 * in the batch, else the last one before the batch in the record's own change history.
 */
async function previousVersions(store: Store, entries: readonly ChangeLogEntry[]): Promise<PreviousOf> {
  const bySeq = new Map<number, unknown | null>();
  const last = new Map<string, unknown | null>();
  for (const e of entries) {
    const key = `${e.recordType}\u0000${e.recordId}`;
    if (triggerFor(e.recordType, e.op)?.needsPrevious && e.data !== null) {
      if (last.has(key)) bySeq.set(e.seq, last.get(key) ?? null);
      else {
        const history = await store.changeLog.ofRecord(e.recordType, e.recordId);
        const before = history.filter((h) => h.seq < e.seq);
        bySeq.set(e.seq, before.length ? before[before.length - 1].data : null);
      }
    }
    last.set(key, e.data);
  }
  return (e) => bySeq.get(e.seq) ?? null;
}

/**
 * The alert engine: evaluates every committed change against the alert rules, in commit order,
 * from a cursor kept in the database. The alerts of the changes up to a point and the cursor
 * moving to that point are written in one transaction, so after a crash the engine resumes where
 * the last commit left it: no alert lost, none written twice (a rule alerts once per record and
 * occurrence, which the same transaction checks). Woken by the bus; catches up from the change log when it starts.
 */
export function startAlertEngine(store: Store, options: AlertEngineOptions = {}): AlertEngine {
  const rules = preparedRulesCache(store);
  let cursor = 0;
  let stopped = false;
  let wanted = false;
  let running: Promise<void> | null = null;
  let failure: unknown = null;

  /** Evaluates one batch after the cursor; false when there was nothing left. */
  const round = async (): Promise<boolean> => {
    // Another engine on the same file may have gone further: start from whichever is ahead.
    cursor = Math.max(cursor, await store.alerts.engineCursor());
    const entries = await store.changeLog.after(cursor, batchSize);
    if (entries.length === 0) return false;
    const last = entries[entries.length - 1].seq;
    const candidates = candidatesOf(entries, await rules(), await previousVersions(store, entries));
    // Whom an alert may reach is decided on the record as it is now, as every read of the alert will be.
    const context = await alertReadContext(store, candidates);
    const visible = candidates.filter(
      (c) => seeAlertSubject({ org: c.rule.org }, c.subjectType, c.subjectId, context) !== null,
    );
    await store.write(null, async (tx) => {
      const stored = await tx.alerts.engineCursor();
      for (const c of visible) {
        if (await tx.alerts.exists(c.rule.id, c.subjectType, c.subjectId, c.occurrence)) continue;
        await tx.alerts.insert({
          id: newId(),
          recipientOrg: c.rule.org,
          ruleId: c.rule.id,
          ruleName: c.rule.name,
          ruleKind: c.rule.kind,
          subjectType: c.subjectType,
          subjectId: c.subjectId,
          occurrence: c.occurrence,
          match: c.match,
          createdAt: tx.at,
        });
      }
      await tx.alerts.setEngineCursor(Math.max(stored, last));
    });
    cursor = last;
    return true;
  };

  const drive = async () => {
    try {
      while (wanted && !stopped) {
        wanted = false;
        while (!stopped && (await round())) wanted = false;
      }
      failure = null;
    } catch (err) {
      failure = err;
      options.onError?.(err);
    } finally {
      running = null;
    }
  };
  const kick = () => {
    if (stopped) return;
    wanted = true;
    running ??= drive();
  };

  const off = store.bus.subscribe((event) => {
    // Its own alerts wake it only to be stepped over: leave that to the next change or poll.
    if (event.recordType !== 'alert') kick();
  });
  const poll = setInterval(kick, options.pollMs ?? 5000);
  poll.unref();
  kick();

  return {
    async settled() {
      const target = await store.changeLog.lastSeq();
      while (!stopped && (await store.alerts.engineCursor()) < target) {
        kick();
        await running;
        if (failure) throw failure;
      }
    },
    async stop() {
      stopped = true;
      off();
      clearInterval(poll);
      await running;
    },
  };
}
