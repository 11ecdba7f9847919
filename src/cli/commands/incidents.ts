import { casualtyTotals } from '../../domain/incident.ts';
import { formatReleasability } from '../../domain/releasability.ts';
import { presentSeen } from '../../server/presenters/incident.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { listIncidents, type SeenIncident } from '../../service/incident-reads.ts';
import { type ReenrichSummary, reenrichIncidents } from '../../service/incident-reenrich.ts';
import type { IncidentCursor } from '../../store/incidents.ts';
import type { Store } from '../../store/store.ts';
import { dataDirOption, intOption, joinNegativeValues, parse, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import {
  incidentFilterFromOptions,
  incidentFilterHelp,
  incidentFilterOptions,
  negativeFilterOptions,
} from '../incident-filter-options.ts';
import { progressBar } from '../progress.ts';
import { withStore } from './open.ts';

const maxLimit = 100_000;

const help = `Usage:
  seam incidents --user USERNAME [filters] [--limit N] [--json]
  seam incidents reenrich [--json]

The first form lists the incidents USERNAME may see, newest first, with the filters of
GET /api/v1/incidents (validated the same way). An incident the user may see only as its tearline
is listed as such (marked TEARLINE), with the tearline's coarse place and casualty totals only.

  --user USERNAME      whose view to list
${incidentFilterHelp}
  --limit N            at most N incidents (default 50, up to ${maxLimit.toLocaleString('en')})
  --json               one JSON object a line, as the API presents them

reenrich recomputes what Seam derives from each incident's place and time (JCC, governorate and
district, side of the line, zone and gap, nearest checkpoints, H3 cell, suspected duplicate) and
rewrites those that changed, after boundaries, the line, AORs or presence changed. "seam boundaries
import" does this by itself.

  --json               print {"checked": n, "changed": n}
${dataDirHelp}`;

const listOptions = {
  ...dataDirOption,
  ...incidentFilterOptions,
  user: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The incidents an actor may see, newest first, up to `limit`, read a page at a time; returns whether more match. */
async function* seenIncidents(
  store: Store,
  actor: Awaited<ReturnType<typeof actorForUser>>,
  filter: ReturnType<typeof incidentFilterFromOptions>,
  limit: number,
): AsyncGenerator<SeenIncident, boolean> {
  let cursor: IncidentCursor | null = null;
  let left = limit;
  do {
    const page = await listIncidents(store, actor, filter, cursor, Math.min(left, 1000));
    yield* page.items;
    left -= page.items.length;
    cursor = page.next;
  } while (cursor && left > 0);
  // A full page carries a cursor even when nothing follows it: look one further to be sure.
  return cursor !== null && (await listIncidents(store, actor, filter, cursor, 1)).items.length > 0;
}

const shortTime = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;
const counts = (c: { killed: number; wounded: number; abducted: number }) => `${c.killed}/${c.wounded}/${c.abducted}`;

function row(s: SeenIncident): string[] {
  if (s.seen === 'tearline') {
    const t = s.tearline;
    return [t.id, t.date, t.type, t.area ? `~${t.area}` : '~', '-', counts(t.casualties), 'TEARLINE', t.releasability];
  }
  const i = s.incident;
  const where = [i.place, i.enrichment.district?.name].filter((p, n, all) => p && all.indexOf(p) === n).join(' / ');
  return [
    i.id,
    shortTime(i.time),
    i.type,
    where || '-',
    i.jcc ?? '-',
    counts(casualtyTotals(i.casualties)),
    i.verification,
    formatReleasability(i.releasability),
  ];
}

async function listCommand(argv: string[]): Promise<void> {
  const { values } = parse(joinNegativeValues(argv, negativeFilterOptions), listOptions);
  if (!values.user) throw new UsageError('incidents needs --user: whose view to list');
  const limit = intOption('limit', values.limit, 1, maxLimit) ?? 50;
  await withStore(values['data-dir'], async (store) => {
    const filter = incidentFilterFromOptions(values, store.now());
    const actor = await actorForUser(store, values.user!);
    const seen = seenIncidents(store, actor, filter, limit);
    if (values.json) {
      for (let r = await seen.next(); !r.done; r = await seen.next()) console.log(JSON.stringify(presentSeen(r.value)));
      return;
    }
    const rows: string[][] = [];
    let tearlines = 0;
    let r = await seen.next();
    for (; !r.done; r = await seen.next()) {
      rows.push(row(r.value));
      if (r.value.seen === 'tearline') tearlines++;
    }
    console.log(
      table(['id', 'time', 'type', 'place / district', 'jcc', 'k/w/a', 'verification', 'releasability'], rows),
    );
    const more = r.value ? `; more match (raise --limit, up to ${maxLimit})` : '';
    console.log(`${rows.length} incidents, ${tearlines} of them tearlines only${more}`);
  });
}

/** Re-enriches every incident with a progress bar on stderr (when it is a terminal). */
export async function reenrichWithProgress(store: Store, actorId: string | null = null): Promise<ReenrichSummary> {
  const total = await store.incidents.count();
  const bar = progressBar('re-enriching incidents');
  const summary = await reenrichIncidents(store, actorId, (checked) => bar(checked, Math.max(total, checked)));
  if (summary.checked < total) bar(total, total);
  return summary;
}

async function reenrichCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { ...dataDirOption, json: { type: 'boolean' } });
  await withStore(values['data-dir'], async (store) => {
    const summary = await reenrichWithProgress(store);
    if (values.json) return console.log(JSON.stringify(summary));
    console.log(`re-enriched incidents: ${summary.changed} of ${summary.checked} changed`);
  });
}

export const incidentsCommand: Command = {
  name: 'incidents',
  summary: 'list the incidents a user may see, or re-enrich every incident',
  help,
  async run(argv) {
    if (argv[0] === 'reenrich') return reenrichCommand(argv.slice(1));
    return listCommand(argv);
  },
};
