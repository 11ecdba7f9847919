import { writeFileSync } from 'node:fs';
import { sitrepFullWire, sitrepWire } from '../../domain/records/sitrep.ts';
import { formatReleasability } from '../../domain/releasability.ts';
import {
  type Sitrep,
  type SitrepFormat,
  type SitrepLanguage,
  sitrepFormats,
  sitrepLanguages,
  sitrepStates,
} from '../../domain/sitrep.ts';
import { closeSitrepPrinter, sitrepRenderer } from '../../server/sitrep-renderer.ts';
import { actorForUser } from '../../service/actor-for-user.ts';
import { listSitreps, readSitrep, sitrepReport } from '../../service/sitrep-reads.ts';
import { setSitrepSchedule, sitrepSchedule } from '../../service/sitrep-schedule.ts';
import { draftScheduledSitreps, draftSitrep, editSitrep, refreshSitrep, releaseSitrep } from '../../service/sitreps.ts';
import { dataDirOption, intOption, parse, subcommandOf, table, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { withStore } from './open.ts';

const help = `Usage:
  seam sitrep list --user USERNAME [--jcc JCC] [--state draft|released] [--limit N] [--json]
  seam sitrep draft --user USERNAME --jcc JCC [--audience A] [--from TIME] [--to TIME]
                    [--corrects ID --note TEXT] [--json]
  seam sitrep show ID --user USERNAME [--json]
  seam sitrep show ID --user USERNAME --format html|md|pdf [--lang en|ar|ckb] [--out FILE]
  seam sitrep edit ID --user USERNAME [--assessment TEXT] [--intentions TEXT] [--version N]
  seam sitrep refresh ID --user USERNAME
  seam sitrep release ID --user USERNAME [--version N]
  seam sitrep schedule --jcc JCC [--time HH:MM] [--drafts ORG:AUDIENCE[,ORG:AUDIENCE…]]
  seam sitrep draft-due

SITREPs: each JCC's situation report, built from what Seam knows, for one audience at a time.
Each command acts as USERNAME, exactly as the API (/api/v1/sitreps) does: the same checks, the
same access policy, the same change log and audit entries.

A report is drafted for an audience (--audience partners by default; org, coalition or
group:NAME) by an analyst or administrator of a member organisation of the JCC; its figures are
computed from what every organisation of that audience may see, so a partners' version leaves out
what only the originator may see. A draft is read by its originator organisation only; the
assessment and intentions are edited, the figures refreshed; on release the report is frozen
(its HTML and Markdown stored) and read by its audience. A correction is a new report naming
the released one it corrects (--corrects ID --note "what it corrects").

  list      reports you may see, newest first
  draft     draft the next report of a JCC's series; the period defaults to the 24 hours up to
            the JCC's latest drafting time (--from/--to ISO-8601 times to choose another)
  show      one report's heading and highlights; with --format, the report itself, written to
            --out FILE (or printed, for html and md); a PDF needs Debian's chromium
            (--chromium PATH or $SEAM_CHROMIUM for another)
  edit      set the assessment and intentions of a draft (--version: the version you read;
            default: the current one)
  refresh   recompute a draft's figures as of now
  release   release a draft to its audience; it never changes afterwards
  schedule  show a JCC's drafting schedule, or set it (an administrator's task): --time HH:MM
            UTC daily (default 04:00, 07:00 in Baghdad); --drafts which organisation drafts a
            version for which audience (default: every member organisation, partners)
  draft-due draft now the scheduled reports that are due and not drafted yet (the server does
            this every minute)

  --json    print the report(s) as JSON, as the API gives them
${dataDirHelp}`;

const options = {
  ...dataDirOption,
  user: { type: 'string' },
  jcc: { type: 'string' },
  state: { type: 'string' },
  limit: { type: 'string' },
  audience: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  corrects: { type: 'string' },
  note: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string' },
  chromium: { type: 'string' },
  assessment: { type: 'string' },
  intentions: { type: 'string' },
  version: { type: 'string' },
  time: { type: 'string' },
  drafts: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

const headers = ['id', 'jcc', 'no.', 'period', 'originator', 'audience', 'state'];
function line(s: Sitrep): string[] {
  return [
    s.id,
    s.jcc,
    String(s.number),
    `${s.periodFrom} – ${s.periodTo}`,
    s.originatorOrg,
    formatReleasability(s.audience),
    s.state,
  ];
}

function summary(s: Sitrep): string {
  const c = s.content;
  const lines = [
    table(headers, [line(s)]),
    `as of ${c.asOf}; next due ${s.nextDue}; version ${s.version}${s.corrects ? `; corrects ${s.correctsNumber ? `No. ${s.correctsNumber} (${s.corrects})` : s.corrects}: ${s.correctionNote}` : ''}`,
    `incidents ${c.incidents.total.count} (previous period ${c.incidents.total.previous}); casualties killed ${c.incidents.casualties.total.killed}, wounded ${c.incidents.casualties.total.wounded}, abducted ${c.incidents.casualties.total.abducted}; civilians killed ${c.civilianHarm.period.killed}, wounded ${c.civilianHarm.period.wounded}, abducted ${c.civilianHarm.period.abducted}`,
    !c.gap
      ? 'gap: no coordination line on this site'
      : c.gap.line
        ? `gap ${(c.gap.uncoveredShare * 100).toFixed(1)}% of JCC ${s.jcc}'s area (${c.gap.uncoveredKm2.toFixed(0)} km²; whole line ${(c.gap.line.uncoveredShare * 100).toFixed(1)}%), ${c.gap.corridors.length} corridor(s) in it, longest stretch of the line ${c.gap.longestStretchKm.toFixed(1)} km`
        : `gap ${(c.gap.uncoveredShare * 100).toFixed(1)}% of the zone (${c.gap.uncoveredKm2.toFixed(0)} km²), ${c.gap.corridors.length} corridor(s), longest stretch ${c.gap.longestStretchKm.toFixed(1)} km`,
    `highlights: ${c.highlights.map((h) => h.kind).join(', ') || 'none'}`,
  ];
  return lines.join('\n');
}

const subcommands = ['list', 'draft', 'show', 'edit', 'refresh', 'release', 'schedule', 'draft-due'];
const withId = new Set(['show', 'edit', 'refresh', 'release']);

export const sitrepCommand: Command = {
  name: 'sitrep',
  summary: "SITREPs: draft, show (HTML, Markdown, PDF in en/ar/ckb), edit, release, list; a JCC's schedule",
  help,
  async run(argv) {
    const [first, ...rest] = argv;
    const sub = subcommandOf('sitrep', first, subcommands);
    const { values, positionals } = parse(rest, options, withId.has(sub) ? 1 : 0);
    const id = positionals[0];
    if (withId.has(sub) && id === undefined) throw new UsageError(`sitrep ${sub} needs the report's id`);
    const chromium = values.chromium ?? (process.env.SEAM_CHROMIUM || undefined);
    await withStore(values['data-dir'], async (store) => {
      if (sub === 'draft-due') {
        const drafted = await draftScheduledSitreps(store);
        for (const s of drafted) console.log(table(headers, [line(s)]));
        return console.error(`${drafted.length} scheduled report(s) drafted`);
      }
      if (sub === 'schedule') {
        if (!values.jcc) throw new UsageError('sitrep schedule needs --jcc');
        const drafts = values.drafts?.split(',').map((d) => {
          const at = d.indexOf(':');
          if (at < 1) throw new UsageError(`--drafts takes ORG:AUDIENCE pairs, got "${d}"`);
          return { org: d.slice(0, at), audience: d.slice(at + 1) };
        });
        const jcc = await store.jccs.find(values.jcc);
        if (!jcc) throw new UsageError(`no JCC "${values.jcc}"`);
        const schedule =
          values.time !== undefined || drafts !== undefined
            ? await setSitrepSchedule(store, null, values.jcc, { time: values.time, drafts })
            : await sitrepSchedule(store, jcc);
        return console.log(
          `JCC ${jcc.code}: daily at ${schedule.time} UTC; ${schedule.drafts.map((d) => `${d.org} drafts ${d.audience}`).join(', ')}`,
        );
      }
      if (!values.user) throw new UsageError(`sitrep ${sub} needs --user`);
      const actor = await actorForUser(store, values.user);
      if (sub === 'list') {
        const page = await listSitreps(
          store,
          actor,
          { jcc: values.jcc, state: oneOf('state', values.state, sitrepStates) },
          null,
          intOption('limit', values.limit, 1, 1000) ?? 100,
        );
        if (values.json) return console.log(JSON.stringify(page.items.map(sitrepWire)));
        return console.log(table(headers, page.items.map(line)));
      }
      const version = intOption('version', values.version, 1, 1_000_000_000);
      let s: Sitrep;
      if (sub === 'draft') {
        if (!values.jcc) throw new UsageError('sitrep draft needs --jcc');
        if ((values.corrects === undefined) !== (values.note === undefined))
          throw new UsageError('--corrects and --note go together');
        s = await draftSitrep(store, actor, {
          jcc: values.jcc,
          audience: values.audience,
          period_from: values.from,
          period_to: values.to,
          corrects: values.corrects,
          correction_note: values.note,
        });
      } else if (sub === 'edit') {
        if (values.assessment === undefined && values.intentions === undefined)
          throw new UsageError('sitrep edit needs --assessment or --intentions');
        const current = version ?? (await readSitrep(store, actor, id)).version;
        s = await editSitrep(store, actor, id, {
          assessment: values.assessment,
          intentions: values.intentions,
          version: current,
        });
      } else if (sub === 'refresh') s = await refreshSitrep(store, actor, id);
      else if (sub === 'release') {
        const current = version ?? (await readSitrep(store, actor, id)).version;
        s = await releaseSitrep(store, actor, id, current, sitrepRenderer(chromium));
      } else {
        const format = oneOf<SitrepFormat>('format', values.format, sitrepFormats);
        if (format !== undefined) {
          const lang = oneOf<SitrepLanguage>('lang', values.lang, sitrepLanguages) ?? 'en';
          if (format === 'pdf' && values.out === undefined) throw new UsageError('a PDF needs --out FILE');
          const { body } = await sitrepReport(store, actor, id, format, lang, sitrepRenderer(chromium)).finally(
            closeSitrepPrinter,
          );
          if (values.out === undefined) return void process.stdout.write(body);
          writeFileSync(values.out, body);
          return console.error(`wrote ${values.out} (${body.byteLength} bytes)`);
        }
        s = await readSitrep(store, actor, id);
      }
      if (values.json) return console.log(JSON.stringify(sitrepFullWire(s)));
      console.log(summary(s));
    });
  },
};
