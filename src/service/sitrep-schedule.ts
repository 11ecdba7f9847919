import { invalid, SeamError } from '../domain/errors.ts';
import type { Jcc } from '../domain/jcc.ts';
import { formatReleasability, parseReleasability } from '../domain/releasability.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

/** The site setting holding each JCC's SITREP schedule (JSON, by JCC code). */
export const sitrepScheduleSetting = 'sitrep_schedule';
/** The default drafting time, UTC: 07:00 in Baghdad. */
export const defaultSitrepTime = '04:00';

const dayMs = 86_400_000;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** When a JCC's reports are drafted (daily, UTC) and which organisation drafts a version for which audience. */
export interface SitrepSchedule {
  time: string;
  drafts: Array<{ org: string; audience: string }>;
}

type Stored = Record<string, Partial<SitrepSchedule>>;

async function stored(store: Pick<Store, 'settings'>): Promise<Stored> {
  const text = await store.settings.get(sitrepScheduleSetting);
  return text === null ? {} : (JSON.parse(text) as Stored);
}

/** A JCC's schedule: its setting, or daily at 04:00 UTC with a `partners` version by every member organisation. */
export async function sitrepSchedule(store: Pick<Store, 'settings'>, jcc: Jcc): Promise<SitrepSchedule> {
  const s = (await stored(store))[jcc.code] ?? {};
  return {
    time: s.time ?? defaultSitrepTime,
    drafts: s.drafts ?? jcc.members.map((org) => ({ org, audience: 'partners' })),
  };
}

/** Sets a JCC's drafting time and, optionally, who drafts which audiences (an administrator's task). */
export async function setSitrepSchedule(
  store: Store,
  actor: Actor | null,
  jccCode: string,
  change: { time?: string; drafts?: Array<{ org: string; audience: string }> },
): Promise<SitrepSchedule> {
  if (actor && !actor.roles.includes('admin'))
    throw new SeamError('forbidden', 'only administrators set the SITREP schedule');
  const jcc = await store.jccs.find(jccCode);
  if (!jcc) throw invalid('jcc', `no JCC "${jccCode}"`);
  if (change.time !== undefined && !timePattern.test(change.time)) throw invalid('time', 'must be HH:MM (UTC)');
  for (const [n, d] of (change.drafts ?? []).entries()) {
    if (!jcc.members.includes(d.org))
      throw invalid(`drafts[${n}].org`, `"${d.org}" is not a member organisation of JCC ${jcc.code}`);
    const r = parseReleasability(d.audience, `drafts[${n}].audience`);
    if (r.scope === 'group' && !(await store.sharingGroups.find(r.group)))
      throw invalid(`drafts[${n}].audience`, `no sharing group "${r.group}"`);
    d.audience = formatReleasability(r);
  }
  const all = await stored(store);
  const next = { ...(await sitrepSchedule(store, jcc)), ...change };
  all[jcc.code] = next;
  await store.write(actor?.userId ?? null, async (tx) => {
    await tx.settings.set(sitrepScheduleSetting, JSON.stringify(all));
    await tx.audit({ action: 'sitrep.schedule', detail: { jcc: jcc.code, ...next } });
  });
  return next;
}

/** The latest daily drafting time at or before `now`, and the 24 hours it closes. */
export function latestScheduledPeriod(time: string, now: Date): { from: string; to: string } {
  const [, h, m] = timePattern.exec(time) ?? timePattern.exec(defaultSitrepTime)!;
  const offset = (Number(h) * 60 + Number(m)) * 60_000;
  const t = now.getTime();
  let to = Math.floor((t - offset) / dayMs) * dayMs + offset;
  if (to > t) to -= dayMs;
  return { from: new Date(to - dayMs).toISOString(), to: new Date(to).toISOString() };
}
