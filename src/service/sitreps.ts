import { accessFactsOf } from '../access/facts.ts';
import { seeSitrep } from '../access/sitrep.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import type { Jcc } from '../domain/jcc.ts';
import { formatReleasability, parseReleasability, type Releasability } from '../domain/releasability.ts';
import { maxSitrepTextLength, type Sitrep, sitrepLanguages } from '../domain/sitrep.ts';
import { newId } from '../store/ids.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Tx } from '../store/write-path.ts';
import type { Actor } from './actor.ts';
import { runEvery } from './periodic-task.ts';
import { computeSitrepContent } from './sitrep-content.ts';
import { readSitrep, type SitrepRenderer } from './sitrep-reads.ts';
import { latestScheduledPeriod, sitrepSchedule } from './sitrep-schedule.ts';

const dayMs = 86_400_000;
/** The longest period one report covers. */
export const maxSitrepPeriodDays = 31;
const writerRoles = ['analyst', 'admin'] as const;

/** What a new report is drafted from (the API's body). */
export interface SitrepDraftInput {
  jcc: string;
  audience?: string;
  period_from?: string;
  period_to?: string;
  corrects?: string;
  correction_note?: string;
}

function requireWriter(actor: Actor, what: string): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
  if (!actor.roles.some((r) => (writerRoles as readonly string[]).includes(r)))
    throw new SeamError('forbidden', `${what} needs one of the roles: ${writerRoles.join(', ')}`);
}

function time(field: string, value: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw invalid(field, 'must be an ISO-8601 time');
  return t;
}

async function checkedAudience(store: Store, value: string): Promise<Releasability> {
  const r = parseReleasability(value, 'audience');
  if (r.scope === 'group' && !(await store.sharingGroups.find(r.group)))
    throw invalid('audience', `no sharing group "${r.group}"`);
  return r;
}

/** Writes a new draft of a JCC's series, numbered next inside the write; `null` when the schedule finds its slot taken. */
async function insertDraft(
  tx: Tx,
  base: Omit<Sitrep, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'version'>,
  action: string,
  scheduled: boolean,
): Promise<Sitrep | null> {
  const slot = {
    jcc: base.jcc,
    originatorOrg: base.originatorOrg,
    audience: formatReleasability(base.audience),
    periodFrom: base.periodFrom,
    periodTo: base.periodTo,
  };
  if (scheduled && (await tx.sitreps.slotTaken(slot))) return null;
  const s: Sitrep = {
    ...base,
    id: newId(Date.parse(tx.at)),
    number: (await tx.sitreps.lastNumber(base.jcc)) + 1,
    createdAt: tx.at,
    updatedAt: tx.at,
    version: 1,
  };
  await tx.sitreps.insert(
    s,
    {
      action,
      detail: {
        jcc: s.jcc,
        number: s.number,
        audience: slot.audience,
        corrects: s.corrects,
        corrects_number: s.correctsNumber,
      },
    },
    scheduled,
  );
  return s;
}

function newDraft(
  jcc: Jcc,
  originatorOrg: string,
  audience: Releasability,
  period: { from: string; to: string },
  createdBy: string | null,
) {
  const length = Date.parse(period.to) - Date.parse(period.from);
  return {
    jcc: jcc.code,
    periodFrom: period.from,
    periodTo: period.to,
    originatorOrg,
    audience,
    state: 'draft' as const,
    assessment: '',
    intentions: '',
    corrects: null,
    correctsNumber: null,
    correctionNote: null,
    nextDue: new Date(Date.parse(period.to) + length).toISOString(),
    releasedAt: null,
    releasedBy: null,
    createdBy,
  };
}

/**
 * Drafts a SITREP of a JCC for an audience, by an analyst or administrator of one of its member
 * organisations (the originator). The period defaults to the 24 hours up to the JCC's latest
 * drafting time, the audience to `partners`. With `corrects`, the draft corrects a released report
 * of the actor's organisation: same JCC, period and audience unless given, with a note saying what
 * it corrects. Every field is checked before anything is computed or written.
 */
export async function draftSitrep(store: Store, actor: Actor, input: SitrepDraftInput): Promise<Sitrep> {
  requireWriter(actor, 'drafting a SITREP');
  const jcc = await store.jccs.find(input.jcc);
  if (!jcc) throw invalid('jcc', `no JCC "${input.jcc}"`);
  if (!jcc.members.includes(actor.org))
    throw new SeamError('forbidden', `${actor.org} is not a member organisation of JCC ${jcc.code}`);
  let corrected: Sitrep | null = null;
  if (input.corrects !== undefined) {
    corrected = await readSitrep(store, actor, input.corrects).catch(() => {
      throw invalid('corrects', `no SITREP ${input.corrects}`);
    });
    if (corrected.state !== 'released')
      throw invalid('corrects', 'only a released report is corrected; edit the draft');
    if (corrected.jcc !== jcc.code) throw invalid('corrects', `is a report of JCC ${corrected.jcc}`);
    if (corrected.originatorOrg !== actor.org)
      throw new SeamError('forbidden', `only ${corrected.originatorOrg} corrects its own report`);
    if (!input.correction_note?.trim()) throw invalid('correction_note', 'say what the correction corrects');
  } else if (input.correction_note !== undefined) throw invalid('correction_note', 'goes with corrects');
  if (input.correction_note !== undefined && input.correction_note.length > maxSitrepTextLength)
    throw invalid('correction_note', `at most ${maxSitrepTextLength} characters`);
  const audience =
    input.audience !== undefined
      ? await checkedAudience(store, input.audience)
      : (corrected?.audience ?? { scope: 'partners' as const });
  const period = await draftPeriod(store, jcc, input, corrected);
  const content = await computeSitrepContent(store, {
    jcc,
    periodFrom: period.from,
    periodTo: period.to,
    originatorOrg: actor.org,
    audience,
  });
  const written = await store.write(actor.userId, (tx) =>
    insertDraft(
      tx,
      {
        ...newDraft(jcc, actor.org, audience, period, actor.userId),
        content,
        corrects: corrected?.id ?? null,
        correctsNumber: corrected?.number ?? null,
        correctionNote: corrected ? input.correction_note!.trim() : null,
      },
      corrected ? 'sitrep.correct' : 'sitrep.draft',
      false,
    ),
  );
  return written!;
}

async function draftPeriod(
  store: Store,
  jcc: Jcc,
  input: SitrepDraftInput,
  corrected: Sitrep | null,
): Promise<{ from: string; to: string }> {
  const now = store.now().getTime();
  let to: number;
  let from: number;
  if (input.period_to !== undefined) to = time('period_to', input.period_to);
  else if (input.period_from !== undefined) to = Math.min(now, time('period_from', input.period_from) + dayMs);
  else if (corrected) to = Date.parse(corrected.periodTo);
  else to = Date.parse(latestScheduledPeriod((await sitrepSchedule(store, jcc)).time, store.now()).to);
  if (input.period_from !== undefined) from = time('period_from', input.period_from);
  else if (corrected && input.period_to === undefined) from = Date.parse(corrected.periodFrom);
  else from = to - dayMs;
  if (to > now) throw invalid('period_to', 'is in the future: a report covers what has happened');
  if (from >= to) throw invalid('period_from', 'must be before period_to');
  if (to - from > maxSitrepPeriodDays * dayMs)
    throw invalid('period_from', `a period is at most ${maxSitrepPeriodDays} days`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** A report the actor may change: its organisation's draft, by an analyst or administrator. */
async function ownDraft(
  reads: Pick<ReadRepositories, 'sitreps' | 'memberships'>,
  actor: Actor,
  id: string,
  what: string,
) {
  const s = await reads.sitreps.find(id);
  if (!s || !seeSitrep(actor, s, accessFactsOf(await reads.memberships.load())))
    throw new SeamError('not_found', `no SITREP ${id}`);
  if (s.originatorOrg !== actor.org) throw new SeamError('forbidden', `only ${s.originatorOrg} ${what} this report`);
  if (s.state !== 'draft')
    throw new SeamError(
      'conflict',
      `SITREP ${s.jcc} #${s.number} is released and frozen; a correction is a new report`,
    );
  return s;
}

function checkVersion(s: Sitrep, version: number): void {
  if (s.version !== version)
    throw new SeamError(
      'conflict',
      `SITREP ${s.jcc} #${s.number} is at version ${s.version}, not ${version}: reload it`,
    );
}

/** Recomputes the figures of a draft as of now (its originator's analyst or administrator). */
export async function refreshSitrep(store: Store, actor: Actor, id: string): Promise<Sitrep> {
  requireWriter(actor, 'refreshing a SITREP');
  const before = await ownDraft(store, actor, id, 'refreshes');
  const jcc = await store.jccs.find(before.jcc);
  if (!jcc) throw new SeamError('not_found', `no JCC "${before.jcc}"`);
  const content = await computeSitrepContent(store, {
    jcc,
    periodFrom: before.periodFrom,
    periodTo: before.periodTo,
    originatorOrg: before.originatorOrg,
    audience: before.audience,
  });
  return store.write(actor.userId, async (tx) => {
    const s = await ownDraft(tx, actor, id, 'refreshes');
    const next: Sitrep = { ...s, content, updatedAt: tx.at, version: s.version + 1 };
    await tx.sitreps.update(next, { action: 'sitrep.refresh', detail: { as_of: content.asOf } });
    return next;
  });
}

/** Changes the free text of a draft — its assessment and intentions — at the version the editor read. */
export async function editSitrep(
  store: Store,
  actor: Actor,
  id: string,
  change: { assessment?: string; intentions?: string; version: number },
): Promise<Sitrep> {
  requireWriter(actor, 'editing a SITREP');
  for (const field of ['assessment', 'intentions'] as const) {
    const v = change[field];
    if (v !== undefined && v.length > maxSitrepTextLength)
      throw invalid(field, `is ${v.length} characters; at most ${maxSitrepTextLength}`);
  }
  return store.write(actor.userId, async (tx) => {
    const s = await ownDraft(tx, actor, id, 'edits');
    checkVersion(s, change.version);
    const next: Sitrep = {
      ...s,
      assessment: change.assessment ?? s.assessment,
      intentions: change.intentions ?? s.intentions,
      updatedAt: tx.at,
      version: s.version + 1,
    };
    const fields = (['assessment', 'intentions'] as const).filter((f) => next[f] !== s[f]);
    await tx.sitreps.update(next, { action: 'sitrep.edit', detail: { fields } });
    return next;
  });
}

/**
 * Releases a draft at the version its releaser read: its figures are frozen as they are, and its
 * HTML and Markdown in every language are set and stored in the same write, so the released report
 * never changes. An analyst or administrator of the originator organisation releases.
 */
export async function releaseSitrep(
  store: Store,
  actor: Actor,
  id: string,
  version: number,
  renderer: SitrepRenderer,
): Promise<Sitrep> {
  requireWriter(actor, 'releasing a SITREP');
  return store.write(actor.userId, async (tx) => {
    const s = await ownDraft(tx, actor, id, 'releases');
    checkVersion(s, version);
    const released: Sitrep = {
      ...s,
      state: 'released',
      releasedAt: tx.at,
      releasedBy: actor.username,
      updatedAt: tx.at,
      version: s.version + 1,
    };
    await tx.sitreps.update(released, {
      action: 'sitrep.release',
      detail: { jcc: s.jcc, number: s.number, audience: formatReleasability(s.audience) },
    });
    const encoder = new TextEncoder();
    for (const lang of sitrepLanguages) {
      await tx.sitreps.saveRendition(s.id, lang, 'html', encoder.encode(renderer.html(released, lang)), tx.at);
      await tx.sitreps.saveRendition(s.id, lang, 'md', encoder.encode(renderer.markdown(released, lang)), tx.at);
    }
    return released;
  });
}

/**
 * Drafts the reports of every JCC whose daily drafting time has passed since its last period:
 * one per (JCC, originator, audience, period), so running it again drafts nothing twice. The
 * drafts are the originators' to edit and release; nobody is named as their author.
 */
export async function draftScheduledSitreps(store: Store, now: Date = store.now()): Promise<Sitrep[]> {
  const drafted: Sitrep[] = [];
  // One report that cannot be drafted does not hold up the others; the run reports it at the end.
  const failures: unknown[] = [];
  for (const jcc of await store.jccs.list()) {
    const schedule = await sitrepSchedule(store, jcc);
    const period = latestScheduledPeriod(schedule.time, now);
    for (const d of schedule.drafts) {
      if (!jcc.members.includes(d.org)) continue;
      const audience = parseReleasability(d.audience);
      const slot = { jcc: jcc.code, originatorOrg: d.org, audience: formatReleasability(audience) };
      if (await store.sitreps.slotTaken({ ...slot, periodFrom: period.from, periodTo: period.to })) continue;
      try {
        const content = await computeSitrepContent(store, {
          jcc,
          periodFrom: period.from,
          periodTo: period.to,
          originatorOrg: d.org,
          audience,
        });
        const s = await store.write(null, (tx) =>
          insertDraft(tx, { ...newDraft(jcc, d.org, audience, period, null), content }, 'sitrep.draft', true),
        );
        if (s) drafted.push(s);
      } catch (err) {
        failures.push(err);
      }
    }
  }
  if (failures.length > 0) throw failures[0];
  return drafted;
}

/** Runs the schedule every `everyMs` until stopped; a failed run is reported and the next one runs. */
export function startSitrepSchedule(store: Store, everyMs: number, onError: (err: unknown) => void): () => void {
  return runEvery(() => draftScheduledSitreps(store), everyMs, onError);
}
