import { type ActivityState, activityStates } from '../../domain/activity.ts';
import type { SeenActivity } from '../../domain/activity-view.ts';
import { activityNoticeWire, activityWire, seenActivityWire } from '../../domain/records/activity.ts';
import { notifyActivity, planActivity, previewDeconfliction } from '../../service/activities.ts';
import { escalateOverdue } from '../../service/activity-escalation.ts';
import { listActivities, readActivity } from '../../service/activity-reads.ts';
import { answerActivity, approveActivity, stepActivity } from '../../service/activity-steps.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { dataDirOption, intOption, joinNegativeValues, parse, subcommandOf, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam activity list   --user USERNAME [--state S] [--from TIME] [--to TIME] [--org ORG] [--limit N] [--json]
  seam activity show   --user USERNAME ID [--json]
  seam activity plan   --user USERNAME --kind KIND --unit NAME --start TIME --end TIME AREA
                       [--owners ORG,ORG] [--until DATE] [--contact TEXT] [--jcc CODE]
                       [--releasability R] [--tearline R [--tearline-summary TEXT]] [--preview] [--json]
  seam activity notify --user USERNAME ID [--json]
  seam activity ack    --user USERNAME ID [--comment TEXT] [--json]
  seam activity concern --user USERNAME ID --comment TEXT [--json]
  seam activity approve --user USERNAME ID [--json]
  seam activity start|done|cancel --user USERNAME ID --version N [--reason TEXT] [--json]
  seam activity escalate [--at TIME]

Planned activities and deconfliction, as USERNAME, exactly as /api/v1/activities does: the same
checks, the same access policy, the same change log and audit entries.

  plan      plans a draft (nobody is told until it is notified); with --preview, shows the
            conflicts it would have if sent now and writes nothing
  notify    sends a draft: deconflicts it and notifies every organisation concerned
  ack       acknowledges a notification for USERNAME's organisation; concern raises a concern
  approve   approves a joint activity for USERNAME's organisation (one of its owners)
  start, done, cancel
            moves an activity on (acknowledged -> under way -> done; cancel before done)
  escalate  escalates unanswered notifications past their deadline now (the server does this
            every minute); --at sets the sweep's clock

AREA is one of:
  --point LON,LAT --radius KM         a point with a radius
  --mgrs REF --radius KM              an MGRS reference with a radius
  --place NAME --radius KM            a place of the gazetteer with a radius
  --route "LON,LAT;LON,LAT;..." --buffer KM   a route with a buffer
  --polygon "LON,LAT;LON,LAT;..."     a polygon (at least 3 points)

  --kind KIND        patrol, operation, movement, checkpoint_setup, exercise, air_isr, or a site kind
  --owners ORGS      owner organisations, yours first (two or more: a joint activity)
  --start, --end     ISO-8601 times with a time zone
  --until DATE       repeat daily until this day (YYYY-MM-DD)
  --json             print the activity as the API presents it
${dataDirHelp}`;

const options = {
  ...dataDirOption,
  user: { type: 'string' },
  state: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  org: { type: 'string' },
  limit: { type: 'string' },
  kind: { type: 'string' },
  unit: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  until: { type: 'string' },
  owners: { type: 'string' },
  contact: { type: 'string' },
  jcc: { type: 'string' },
  releasability: { type: 'string' },
  tearline: { type: 'string' },
  'tearline-summary': { type: 'string' },
  point: { type: 'string' },
  mgrs: { type: 'string' },
  place: { type: 'string' },
  radius: { type: 'string' },
  route: { type: 'string' },
  buffer: { type: 'string' },
  polygon: { type: 'string' },
  preview: { type: 'boolean' },
  comment: { type: 'string' },
  reason: { type: 'string' },
  version: { type: 'string' },
  at: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parse<typeof options>>['values'];

function position(text: string, option: string): [number, number] {
  const parts = text.split(',').map((p) => p.trim());
  const [lon, lat] = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(lon) || !Number.isFinite(lat))
    throw new UsageError(`--${option} takes LON,LAT in decimal degrees, got "${text}"`);
  return [lon, lat];
}

function km(value: string | undefined, option: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${option} must be a number of km, got "${value ?? ''}"`);
  return n;
}

/** The area of a plan from its options: exactly one shape. */
function areaOf(v: Values): Record<string, unknown> {
  const given = (['point', 'mgrs', 'place', 'route', 'polygon'] as const).filter((k) => v[k] !== undefined);
  if (given.length !== 1) throw new UsageError('give one area: --point, --mgrs, --place, --route or --polygon');
  const [shape] = given;
  const path = (text: string) => text.split(';').map((p) => position(p, shape));
  if (shape === 'route') return { shape: 'route', points: path(v.route!), buffer_km: km(v.buffer, 'buffer') };
  if (shape === 'polygon') return { shape: 'polygon', points: path(v.polygon!) };
  const at = shape === 'point' ? position(v.point!, 'point') : shape === 'mgrs' ? { mgrs: v.mgrs } : { place: v.place };
  return { shape: 'point', at, radius_km: km(v.radius, 'radius') };
}

/** The API's plan body from the options: the same field names, so the same schema checks it. */
export function planBody(v: Values): Record<string, unknown> {
  for (const k of ['kind', 'unit', 'start', 'end'] as const)
    if (!v[k]) throw new UsageError(`activity plan needs --${k}`);
  if (v['tearline-summary'] !== undefined && v.tearline === undefined)
    throw new UsageError('--tearline-summary needs --tearline');
  const body: Record<string, unknown> = { kind: v.kind, unit: v.unit, start: v.start, end: v.end, area: areaOf(v) };
  if (v.owners !== undefined) body.owner_orgs = v.owners.split(',').map((o) => o.trim());
  if (v.until !== undefined) body.recurrence = { until: v.until };
  if (v.contact !== undefined) body.contact = v.contact;
  if (v.jcc !== undefined) body.jcc = v.jcc;
  if (v.releasability !== undefined) body.releasability = v.releasability;
  if (v.tearline !== undefined)
    body.tearline = { releasability: v.tearline, ...(v['tearline-summary'] ? { summary: v['tearline-summary'] } : {}) };
  return body;
}

/** An activity for people: a summary line, its conflicts and who has answered. */
export function describe(s: SeenActivity): string {
  if (s.seen === 'notice') {
    const n = activityNoticeWire(s.notice);
    return `${n.id}  notice  ${n.state}  ${n.start} - ${n.end}  jcc ${n.jcc ?? '-'}  contact ${n.contact ?? '-'}${
      n.notification ? `\n  your organisation: ${n.notification.status}` : ''
    }`;
  }
  const a = activityWire(s.activity);
  const lines = [
    `${a.id}  ${a.kind}  ${a.state}  v${a.version}  ${a.owner_orgs.join('+')}  ${a.unit}`,
    `  ${a.start} - ${a.end}${a.recurrence ? ` daily until ${a.recurrence.until}` : ''}  ${a.area.shape}  jcc ${a.jcc ?? '-'}`,
  ];
  for (const c of a.conflicts) {
    lines.push(
      c.hidden
        ? `  conflict (not releasable to you): contact JCC ${c.jcc ?? '-'}, ${c.overlap.start} - ${c.overlap.end}`
        : `  conflict with ${c.with} ${c.record_id} (${c.org} ${c.kind}${c.name ? ` "${c.name}"` : ''}) ${c.distance_km} km, ${c.overlap.start} - ${c.overlap.end}`,
    );
  }
  for (const n of a.notifications)
    lines.push(
      `  ${n.org ?? '(an organisation concerned by a conflict)'}: ${n.status}${n.comment ? ` "${n.comment}"` : ''}${n.escalated_at ? ' (escalated)' : ''}`,
    );
  return lines.join('\n');
}

const isActivityState = (s: string): s is ActivityState => (activityStates as readonly string[]).includes(s);

const subcommands = [
  'list',
  'show',
  'plan',
  'notify',
  'ack',
  'concern',
  'approve',
  'start',
  'done',
  'cancel',
  'escalate',
];

export const activityCommand: Command = {
  name: 'activity',
  summary: 'plan, deconflict and acknowledge activities as a user',
  help,
  async run(argv) {
    const [first, ...rest] = argv;
    const sub = subcommandOf('activity', first, subcommands);
    const { values: v, positionals } = parse(joinNegativeValues(rest, ['point']), options, 1);
    const id = positionals[0];
    const needsId = !['list', 'plan', 'escalate'].includes(sub);
    if (needsId && !id) throw new UsageError(`activity ${sub} needs the activity's ID`);
    if (!needsId && id) throw new UsageError(`unexpected argument "${id}"`);
    if (sub !== 'escalate' && !v.user) throw new UsageError(`activity ${sub} needs --user`);
    const body = sub === 'plan' ? planBody(v) : null;
    const version = ['start', 'done', 'cancel'].includes(sub) ? intOption('version', v.version, 1, 1e9) : undefined;
    if (['start', 'done', 'cancel'].includes(sub) && version === undefined)
      throw new UsageError(`activity ${sub} needs --version`);
    await withStore(v['data-dir'], async (store) => {
      if (sub === 'escalate') {
        const at = v.at === undefined ? store.now() : new Date(v.at);
        if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO-8601 time, got "${v.at}"`);
        console.log(`${await escalateOverdue(store, at)} notification(s) escalated`);
        return;
      }
      const actor = await actorForUser(store, v.user!);
      const print = (s: SeenActivity) => console.log(v.json ? JSON.stringify(seenActivityWire(s)) : describe(s));
      switch (sub) {
        case 'list': {
          const limit = intOption('limit', v.limit, 1, 1000) ?? 100;
          if (v.state !== undefined && !isActivityState(v.state))
            throw new UsageError(`--state must be one of ${activityStates.join(', ')}, got "${v.state}"`);
          const filter = { state: v.state, from: v.from, to: v.to, org: v.org };
          const page = await listActivities(store, actor, filter, null, limit);
          if (v.json) return console.log(JSON.stringify(page.items.map(seenActivityWire)));
          const rows = page.items.map((s) => {
            const w = seenActivityWire(s);
            return w.notice
              ? [w.id, w.state, w.kind ?? '(notice)', '-', w.start, w.end, '-']
              : [w.id, w.state, w.kind, w.owner_orgs.join('+'), w.start, w.end, String(w.conflicts.length)];
          });
          return console.log(table(['id', 'state', 'kind', 'owners', 'start', 'end', 'conflicts'], rows));
        }
        case 'show':
          return print(await readActivity(store, actor, id));
        case 'plan':
          return print(
            v.preview ? await previewDeconfliction(store, actor, body) : await planActivity(store, actor, body),
          );
        case 'notify':
          return print(await notifyActivity(store, actor, id));
        case 'ack':
          return print(await answerActivity(store, actor, id, 'acknowledged', v.comment ? { comment: v.comment } : {}));
        case 'concern':
          return print(await answerActivity(store, actor, id, 'concern', { comment: v.comment ?? '' }));
        case 'approve':
          return print(await approveActivity(store, actor, id));
        default:
          return print(
            await stepActivity(store, actor, id, sub as 'start' | 'done' | 'cancel', version!, v.reason ?? null),
          );
      }
    });
  },
};
