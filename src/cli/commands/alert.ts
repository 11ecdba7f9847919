import { alertRuleCreateSchema } from '../../domain/alert-rule.ts';
import { uuidPattern } from '../../domain/ids.ts';
import { presentAlert, presentAlertRule } from '../../server/presenters/alerts.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { startAlertEngine } from '../../service/alert-engine.ts';
import { listAlerts, markAlertRead, markAllAlertsRead, maxAlertPage } from '../../service/alert-reads.ts';
import { createAlertRule, listAlertRules, removeAlertRule } from '../../service/alert-rules.ts';
import { zodToSeamError } from '../../service/validation.ts';
import { dataDirOption, intOption, parse, subcommandOf, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam alert list --user USERNAME [--unread] [--limit N] [--json]
  seam alert read --user USERNAME (ID | --all)
  seam alert rules --user USERNAME [--json]
  seam alert rule-add --user USERNAME --name NAME --kind KIND [--radius-km N]
                      [--presence-kinds K,K] [--incident-types T,T] [--disabled] [--json]
  seam alert rule-remove --user USERNAME ID
  seam alert catch-up

Alerts tell an organisation when an incident happens near its own presence or inside one of its
gap corridors. Each command acts as USERNAME, exactly as /api/v1/alerts and /api/v1/alert-rules
do: the user sees the alerts of their organisation about records they may see (a tearline where
that is all they may see) and keeps their own read marks; rules are managed by the organisation's
analysts and administrators.

  list         USERNAME's alerts, unread first, newest first (--unread: only unread ones)
  read         mark alert ID, or with --all every alert USERNAME may see, as read by USERNAME
  rules        the alert rules of USERNAME's organisation
  rule-add     a new rule of USERNAME's organisation:
                 --kind incident_near          an incident within --radius-km of the footprint of
                                               the organisation's own presence (--presence-kinds:
                                               checkpoint, patrol, unit_aor; default all)
                 --kind incident_in_corridor   an incident inside a corridor of the organisation's
                                               latest gap analysis window (seam gaps --trend)
                 --kind incident_near_activity an incident within --radius-km of the organisation's
                                               own planned activities (not done or cancelled)
                                               running at its time, give or take the site's
                                               deconfliction margin
                 --kind activity_conflict      deconfliction finds new conflicts for an activity
                                               the organisation is notified of
                 --kind activity_answer        a notified organisation acknowledges, or raises a
                                               concern about, one of the organisation's activities
                 --kind activity_escalated     an unanswered notification of an activity of the
                                               organisation's JCC is escalated to its liaison
                 --kind request_overdue        a support request the organisation made or must
                                               answer is escalated, overdue
                 --incident-types T,T          only these incident types, for incident kinds
                                               (default: every type)
                 --disabled                    store the rule switched off
  rule-remove  remove rule ID (the alerts it raised stay)
  catch-up     evaluate every committed change the alert engine has not yet evaluated (the server
               does this itself as changes commit and when it starts; use it after writing to the
               data directory while no server runs)

  --json       print JSON lines, as the API presents them
${dataDirHelp}`;

const options = {
  ...dataDirOption,
  user: { type: 'string' },
  unread: { type: 'boolean' },
  limit: { type: 'string' },
  all: { type: 'boolean' },
  name: { type: 'string' },
  kind: { type: 'string' },
  'radius-km': { type: 'string' },
  'presence-kinds': { type: 'string' },
  'incident-types': { type: 'string' },
  disabled: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const subcommands = ['list', 'read', 'rules', 'rule-add', 'rule-remove', 'catch-up'];

type Values = ReturnType<typeof parse<typeof options>>['values'];

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim());
}

/** The API's rule body from the options, checked by the API's own schema. */
export function ruleBody(v: Values) {
  if (!v.name) throw new UsageError('alert rule-add needs --name');
  if (!v.kind) throw new UsageError('alert rule-add needs --kind');
  const radius = v['radius-km'];
  if (radius !== undefined && (radius.trim() === '' || !Number.isFinite(Number(radius))))
    throw new UsageError(`--radius-km must be a number of km, got "${radius}"`);
  const parsed = alertRuleCreateSchema.safeParse({
    name: v.name,
    kind: v.kind,
    ...(radius === undefined ? {} : { radius_km: Number(radius) }),
    ...(v['presence-kinds'] === undefined ? {} : { presence_kinds: list(v['presence-kinds']) }),
    ...(v['incident-types'] === undefined ? {} : { incident_types: list(v['incident-types']) }),
    ...(v.disabled ? { enabled: false } : {}),
  });
  if (!parsed.success) throw zodToSeamError(parsed.error);
  return parsed.data;
}

function needUser(v: Values, sub: string): string {
  if (!v.user) throw new UsageError(`alert ${sub} needs --user`);
  return v.user;
}

function oneId(positionals: string[], sub: string): string {
  const id = positionals[1];
  if (!id) throw new UsageError(`alert ${sub} needs an ID`);
  if (!uuidPattern.test(id)) throw new UsageError(`"${id}" is not an alert or rule ID`);
  return id;
}

export const alertCommand: Command = {
  name: 'alert',
  summary: 'list and mark alerts, manage alert rules',
  help,
  async run(argv) {
    const sub = subcommandOf('alert', argv[0], subcommands);
    const { values: v, positionals } = parse(argv, options, sub === 'read' || sub === 'rule-remove' ? 2 : 1);
    await withStore(v['data-dir'], async (store) => {
      if (sub === 'catch-up') {
        const before = await store.alerts.engineCursor();
        const engine = startAlertEngine(store, { pollMs: 60_000 });
        try {
          await engine.settled();
        } finally {
          await engine.stop();
        }
        console.log(`evaluated changes ${before + 1} to ${await store.alerts.engineCursor()}`);
        return;
      }
      const actor = await actorForUser(store, needUser(v, sub));
      if (sub === 'list') {
        const limit = intOption('limit', v.limit, 1, maxAlertPage) ?? 50;
        const page = await listAlerts(store, actor, { unreadOnly: v.unread === true, after: null, limit });
        const items = page.items.map((a) => presentAlert(a.seen, a.readAt));
        if (v.json) for (const a of items) console.log(JSON.stringify(a));
        else
          console.log(
            table(
              ['id', 'created', 'read', 'text'],
              items.map((a) => [a.id, a.created_at, a.read ? 'read' : 'unread', a.text]),
            ),
          );
      } else if (sub === 'read') {
        if (v.all) {
          if (positionals[1]) throw new UsageError('give either an ID or --all, not both');
          console.log(`marked ${await markAllAlertsRead(store, actor)} alerts read`);
        } else {
          const a = await markAlertRead(store, actor, oneId(positionals, sub));
          console.log(`read ${a.seen.alert.id}`);
        }
      } else if (sub === 'rules') {
        const rules = (await listAlertRules(store, actor)).map(presentAlertRule);
        if (v.json) for (const r of rules) console.log(JSON.stringify(r));
        else
          console.log(
            table(
              ['id', 'name', 'kind', 'radius km', 'types', 'enabled'],
              rules.map((r) => [
                r.id,
                r.name,
                r.kind,
                r.radius_km === null ? '-' : String(r.radius_km),
                r.incident_types.join(',') || 'all',
                r.enabled ? 'yes' : 'no',
              ]),
            ),
          );
      } else if (sub === 'rule-add') {
        const rule = await createAlertRule(store, actor, ruleBody(v));
        if (v.json) console.log(JSON.stringify(presentAlertRule(rule)));
        else console.log(rule.id);
      } else {
        await removeAlertRule(store, actor, oneId(positionals, sub));
        console.log('removed');
      }
    });
  },
};
