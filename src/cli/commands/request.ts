import {
  type SupportRequestState,
  supportRequestKinds,
  supportRequestPriorities,
  supportRequestStates,
} from '../../domain/support-request.ts';
import { supportRequestSteps } from '../../domain/support-request-steps.ts';
import { presentSupportRequest } from '../../server/presenters/support-request.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import {
  listSupportRequests,
  readSupportRequest,
  type SupportRequestFilter,
  type SupportRequestView,
  supportRequestHistory,
  supportRequestStats,
} from '../../service/support-request-reads.ts';
import {
  createSupportRequest,
  escalateOverdueRequests,
  responseDeadlines,
  setResponseDeadlines,
  takeSupportRequestStepFrom,
} from '../../service/support-requests.ts';
import { dataDirOption, intOption, joinNegativeValues, parse, subcommandOf, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam request list --user USERNAME [--state S[,S…]] [--priority P] [--kind K] [--overdue | --not-overdue]
                    [--to CODE] [--from CODE] [--since TIME] [--until TIME] [--limit N] [--json]
  seam request show ID --user USERNAME [--json]
  seam request history ID --user USERNAME [--json]
  seam request create --user USERNAME --kind KIND (--to-org ORG | --to-jcc JCC) --priority P
                      (--lon X --lat Y | --mgrs REF) --needed-at TIME [--needed-until TIME]
                      [--details TEXT] [--linked-incident ID] [--releasability R]
                      [--medevac JSON] [--json]
  seam request accept ID --user USERNAME
  seam request decline ID --user USERNAME --reason TEXT
  seam request needs-information ID --user USERNAME --question TEXT
  seam request answer ID --user USERNAME --answer TEXT
  seam request assign ID --user USERNAME --unit NAME
  seam request start ID --user USERNAME
  seam request complete ID --user USERNAME
  seam request cancel ID --user USERNAME [--reason TEXT]
  seam request stats --user USERNAME [--since TIME] [--until TIME] [--json]
  seam request sweep
  seam request deadlines [--urgent MIN] [--priority-minutes MIN] [--routine MIN]

Support requests: one organisation asks another organisation, or a JCC, for ISR, logistics,
MEDEVAC, EOD, a QRF, engineering or other help. Each command acts as USERNAME, exactly as the API
(/api/v1/requests) does: the same checks, the same access policy (a request USERNAME may not see
does not exist), the same change log and audit entries.

States: requested → accepted | declined (with a reason) | needs_information (a question);
needs_information → (answer) requested; accepted → assigned (a unit) → under_way (start) → done
(complete); the requester may cancel before done. The addressee (the addressed organisation, or a
member organisation of the addressed JCC other than the requester) answers, with the liaison or
admin role; the organisation that accepted assigns, starts and completes; the requester (reporter,
analyst, liaison or admin) answers questions and cancels. A step out of turn is refused, naming it.

A request still waiting to be accepted or declined after its response deadline is overdue; the
server escalates each overdue request once (sweep does it now). Deadlines per priority are site
settings: urgent 15 min, priority 60 min, routine 24 h by default.

  list      requests you may see, overdue first, then by response deadline
  show      one request; history: every change to it (who, when, which fields)
  create    ask for support; --kind isr, logistics, medevac, eod, qrf, engineering or other;
            --priority urgent, priority or routine; --medevac the 9-line fields as JSON, in the
            API's form (required for kind medevac), e.g.
            '{"frequency":"38.90","call_sign":"NINEVEH 6","patients_by_precedence":{"urgent":1},
              "equipment":["none"],"litter":1,"ambulatory":0,"security":"no_enemy",
              "marking":"smoke","patients_by_status":{"own_military":1},"nbc":"none"}'
            --releasability org (default: only the requester and the addressee), partners,
            coalition or group:NAME
  stats     time to accept and to complete (median, 90th percentile) per organisation and per
            JCC, over requests created in the period (default: the last 30 days) that you may see
  sweep     escalate every overdue request not escalated yet (the server does this every 30 s)
  deadlines show the response deadlines, or set them in minutes (an administrator's task)

  --json    print the request(s) as JSON, as the API gives them
${dataDirHelp}`;

const options = {
  ...dataDirOption,
  user: { type: 'string' },
  state: { type: 'string' },
  priority: { type: 'string' },
  kind: { type: 'string' },
  overdue: { type: 'boolean' },
  'not-overdue': { type: 'boolean' },
  to: { type: 'string' },
  from: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  'to-org': { type: 'string' },
  'to-jcc': { type: 'string' },
  lon: { type: 'string' },
  lat: { type: 'string' },
  mgrs: { type: 'string' },
  'needed-at': { type: 'string' },
  'needed-until': { type: 'string' },
  details: { type: 'string' },
  'linked-incident': { type: 'string' },
  releasability: { type: 'string' },
  medevac: { type: 'string' },
  reason: { type: 'string' },
  question: { type: 'string' },
  answer: { type: 'string' },
  unit: { type: 'string' },
  urgent: { type: 'string' },
  'priority-minutes': { type: 'string' },
  routine: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parse<typeof options>>['values'];

function degrees(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be decimal degrees, got "${value}"`);
  return n;
}

/** The API's create body from the options: the same field names, so the same schema checks it. */
export function requestCreateBody(v: Values): Record<string, unknown> {
  for (const name of ['kind', 'priority', 'needed-at'] as const)
    if (v[name] === undefined) throw new UsageError(`request create needs --${name}`);
  if ((v['to-org'] === undefined) === (v['to-jcc'] === undefined))
    throw new UsageError('request create needs exactly one of --to-org and --to-jcc');
  if ((v.lon === undefined) !== (v.lat === undefined)) throw new UsageError('--lon and --lat go together');
  if ((v.lon === undefined) === (v.mgrs === undefined))
    throw new UsageError('request create needs a location: --lon and --lat, or --mgrs');
  const body: Record<string, unknown> = { kind: v.kind, priority: v.priority, needed_at: v['needed-at'] };
  if (v['to-org'] !== undefined) body.addressed_org = v['to-org'];
  if (v['to-jcc'] !== undefined) body.addressed_jcc = v['to-jcc'];
  if (v.lon !== undefined && v.lat !== undefined) {
    body.lon = degrees('lon', v.lon);
    body.lat = degrees('lat', v.lat);
  }
  if (v.mgrs !== undefined) body.mgrs = v.mgrs;
  if (v['needed-until'] !== undefined) body.needed_until = v['needed-until'];
  if (v.details !== undefined) body.details = v.details;
  if (v['linked-incident'] !== undefined) body.linked_incident = v['linked-incident'];
  if (v.releasability !== undefined) body.releasability = v.releasability;
  if (v.medevac !== undefined) {
    try {
      body.medevac = JSON.parse(v.medevac);
    } catch {
      throw new UsageError('--medevac must be the 9-line fields as a JSON object');
    }
  }
  return body;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function time(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms))
    throw new UsageError(`--${name} must be an ISO-8601 time, got "${value}"`);
  return new Date(ms).toISOString();
}

function filterOf(v: Values): SupportRequestFilter {
  if (v.overdue && v['not-overdue']) throw new UsageError('give --overdue or --not-overdue, not both');
  return {
    states: v.state?.split(',').map((s) => oneOf('state', s, supportRequestStates) as SupportRequestState),
    priority: oneOf('priority', v.priority, supportRequestPriorities),
    kind: oneOf('kind', v.kind, supportRequestKinds),
    overdue: v.overdue ? true : v['not-overdue'] ? false : undefined,
    to: v.to,
    from: v.from,
    since: time('since', v.since),
    until: time('until', v.until),
  };
}

const present = (v: SupportRequestView) => presentSupportRequest(v.request, v.overdue);

function line(v: SupportRequestView): string[] {
  const r = v.request;
  return [
    r.id,
    r.kind,
    r.priority,
    r.state,
    `${r.requesterOrg} → ${r.addressedOrg ?? `jcc ${r.addressedJcc}`}`,
    r.respondBy,
    v.overdue ? 'OVERDUE' : '',
  ];
}
const headers = ['id', 'kind', 'priority', 'state', 'from → to', 'respond by', ''];

/** The step named by a subcommand (`needs-information` is `needs_information`), or undefined. */
function stepOf(sub: string) {
  return supportRequestSteps.find((s) => s.replaceAll('_', '-') === sub);
}

function stepBody(step: string, v: Values): Record<string, unknown> {
  const field = {
    decline: 'reason',
    needs_information: 'question',
    answer: 'answer',
    assign: 'unit',
    cancel: 'reason',
  }[step] as 'reason' | 'question' | 'answer' | 'unit' | undefined;
  if (field === undefined) return {};
  if (v[field] === undefined) {
    if (step === 'cancel') return {};
    throw new UsageError(`request ${step.replaceAll('_', '-')} needs --${field}`);
  }
  return { [field]: v[field] };
}

const subcommands = [
  'list',
  'show',
  'history',
  'create',
  ...supportRequestSteps.map((s) => s.replaceAll('_', '-')),
  'stats',
  'sweep',
  'deadlines',
];

export const requestCommand: Command = {
  name: 'request',
  summary: 'support requests: list, show, create, accept, decline, … and response-time stats',
  help,
  async run(argv) {
    const [first, ...rest] = argv;
    const sub = subcommandOf('request', first, subcommands);
    const needsId = sub === 'show' || sub === 'history' || stepOf(sub) !== undefined;
    const { values, positionals } = parse(joinNegativeValues(rest, ['lon', 'lat']), options, needsId ? 1 : 0);
    const id = positionals[0];
    if (needsId && id === undefined) throw new UsageError(`request ${sub} needs the request's id`);
    await withStore(values['data-dir'], async (store) => {
      if (sub === 'sweep') {
        const ids = await escalateOverdueRequests(store);
        for (const escalated of ids) console.log(escalated);
        return console.error(`${ids.length} overdue request(s) escalated`);
      }
      if (sub === 'deadlines') {
        const minutes = {
          urgent: intOption('urgent', values.urgent, 1, 43_200),
          priority: intOption('priority-minutes', values['priority-minutes'], 1, 43_200),
          routine: intOption('routine', values.routine, 1, 43_200),
        };
        const set = Object.values(minutes).some((m) => m !== undefined);
        const d = set ? await setResponseDeadlines(store, null, minutes) : await responseDeadlines(store);
        return console.log(`urgent ${d.urgent} min, priority ${d.priority} min, routine ${d.routine} min`);
      }
      if (!values.user) throw new UsageError(`request ${sub} needs --user`);
      const actor = await actorForUser(store, values.user);
      if (sub === 'list') {
        const page = await listSupportRequests(
          store,
          actor,
          filterOf(values),
          null,
          intOption('limit', values.limit, 1, 1000) ?? 100,
        );
        if (values.json) return console.log(JSON.stringify(page.items.map(present)));
        return console.log(table(headers, page.items.map(line)));
      }
      if (sub === 'stats') {
        const stats = await supportRequestStats(store, actor, {
          since: time('since', values.since),
          until: time('until', values.until),
        });
        if (values.json) return console.log(JSON.stringify(stats));
        const minutes = (s: number | null) => (s === null ? '-' : `${(s / 60).toFixed(1)} min`);
        const rows = [
          ...stats.by_org.map((g) => [`org ${g.org}`, g] as const),
          ...stats.by_jcc.map((g) => [`jcc ${g.jcc}`, g] as const),
        ].map(([who, g]) => [
          who,
          String(g.requests),
          minutes(g.to_accept.median_s),
          minutes(g.to_accept.p90_s),
          String(g.to_complete.count),
          minutes(g.to_complete.median_s),
          minutes(g.to_complete.p90_s),
        ]);
        console.log(`requests created ${stats.since} to ${stats.until}`);
        return console.log(
          table(['', 'accepted', 'accept median', 'accept p90', 'done', 'done median', 'done p90'], rows),
        );
      }
      if (sub === 'history') {
        const items = await supportRequestHistory(store, actor, id, presentSupportRequest);
        if (values.json) return console.log(JSON.stringify(items));
        for (const h of items) {
          const changes = h.changes.map((c) => `${c.field}: ${JSON.stringify(c.old)} → ${JSON.stringify(c.new)}`);
          console.log(
            `${h.at}  v${h.version}  ${h.by ?? '(site)'}  ${h.op}${changes.length ? `  ${changes.join('; ')}` : ''}`,
          );
        }
        return;
      }
      let view: SupportRequestView;
      if (sub === 'show') view = await readSupportRequest(store, actor, id);
      else if (sub === 'create') view = await createSupportRequest(store, actor, requestCreateBody(values));
      else {
        const step = stepOf(sub) as (typeof supportRequestSteps)[number];
        view = await takeSupportRequestStepFrom(store, actor, id, step, stepBody(step, values));
      }
      if (values.json) return console.log(JSON.stringify(present(view)));
      console.log(table(headers, [line(view)]));
    });
  },
};
