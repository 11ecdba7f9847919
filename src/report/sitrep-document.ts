import type { CasualtyCounts } from '../domain/incident.ts';
import type { Releasability } from '../domain/releasability.ts';
import type { Sitrep, SitrepHighlight, SitrepLanguage } from '../domain/sitrep.ts';
import { type Block, isolated, ltr, type ReportDocument, type Section, tableOr, typed } from './document.ts';
import { reportFormat } from './format.ts';
import { labelsFor } from './labels.ts';
import { type Ctx, orgName, placeText, withChange } from './report-context.ts';
import { coordinationSection, gapSection } from './sitrep-document-gap.ts';

/** The outline of a SITREP in one language: heading, then its sections in the order. */
export function sitrepDocument(s: Sitrep, lang: SitrepLanguage): ReportDocument {
  const L = labelsFor(lang);
  const rtl = L.dir === 'rtl';
  const c: Ctx = { s, lang, L, f: reportFormat(lang, L), ltr: rtl ? ltr : (t) => t, iso: rtl ? isolated : typed };
  const jccName = c.iso(c.f.name(s.content.jcc.name, s.content.jcc.code));
  const draft = s.state === 'draft';
  return {
    lang,
    dir: L.dir,
    title: `${L.title} — ${jccName} — ${L.reportNo(c.f.number(s.number))}`,
    draft: draft ? L.draft : null,
    draftNote: draft ? L.draftNote : null,
    audienceLine: `${L.releasedTo}: ${audienceText(c)}`,
    facts: headingFacts(c),
    sections: [
      highlightsSection(c),
      incidentsSection(c),
      civilianHarmSection(c),
      gapSection(c),
      coordinationSection(c),
      { id: 'assessment', title: L.sections.assessment, blocks: [freeText(c, s.assessment)] },
      { id: 'intentions', title: L.sections.intentions, blocks: [freeText(c, s.intentions)] },
    ],
  };
}

function scopeText(c: Ctx, r: Releasability): string {
  return r.scope === 'group' ? c.L.scope.group(c.iso(r.group)) : c.L.scope[r.scope];
}

function audienceText(c: Ctx): string {
  const orgs = c.s.content.audience.orgs.map((o) => orgName(c, o));
  return orgs.length ? `${scopeText(c, c.s.audience)} (${c.f.list(orgs)})` : scopeText(c, c.s.audience);
}

function headingFacts(c: Ctx): ReportDocument['facts'] {
  const { s, L, f } = c;
  const zoned = (iso: string) => `${f.dateTime(iso)} ${L.zone}`;
  const facts = [
    { label: L.period, value: `${f.dateTime(s.periodFrom)} – ${zoned(s.periodTo)}` },
    { label: L.asOf, value: zoned(s.content.asOf) },
    { label: L.originator, value: orgName(c, s.originatorOrg) },
    { label: L.releasedTo, value: audienceText(c) },
    { label: L.released, value: s.releasedAt ? zoned(s.releasedAt) : L.notReleased },
    { label: L.nextDue, value: zoned(s.nextDue) },
  ];
  if (s.corrects) {
    // Reports drafted before the corrected report's number was kept name it by its id.
    const corrected = s.correctsNumber ? L.reportNo(f.number(s.correctsNumber)) : c.ltr(typed(s.corrects));
    facts.push({ label: L.corrects, value: corrected });
    if (s.correctionNote) facts.push({ label: L.correctionNote, value: c.iso(s.correctionNote) });
  }
  return facts;
}

function highlightSentence(c: Ctx, h: SitrepHighlight): string {
  const { L, f } = c;
  const H = L.highlight;
  switch (h.kind) {
    case 'new_corridors':
      return H.newCorridors(h.count, f.number(h.count), f.list(h.places.map((p) => placeText(c, p))));
    case 'gap_widened':
    case 'gap_narrowed': {
      // The shares are those of the JCC's area where the report's gap is (see `gapWording`).
      const gapWords = c.s.content.gap?.line ? L.gap.aor : H;
      return (h.kind === 'gap_widened' ? gapWords.gapWidened : gapWords.gapNarrowed)(
        f.percent(h.previousShare),
        f.percent(h.share),
        f.number(h.previousKm2, 1),
        f.number(h.km2, 1),
      );
    }
    case 'casualties':
      return H.casualties(h.incidents, f.number(h.incidents), f.counts(h.total), f.counts(h.civilians));
    case 'overdue_requests':
      return H.overdueRequests(h.count, f.number(h.count));
    case 'incidents_changed':
      return H.incidentsChanged(h.count, f.number(h.count), f.number(h.previous));
    case 'activity_conflicts':
      return H.activityConflicts(h.count, f.number(h.count));
  }
}

function highlightsSection(c: Ctx): Section {
  const items = c.s.content.highlights.map((h) => highlightSentence(c, h));
  const blocks: Block[] = items.length
    ? [{ kind: 'list', items, role: 'highlights' }]
    : [{ kind: 'paragraph', text: c.L.noHighlights }];
  return { id: 'highlights', title: c.L.sections.highlights, blocks };
}

/** A casualty row's three cells, each with its change from the previous period where one is given. */
function casualtyCells(c: Ctx, now: CasualtyCounts, before: CasualtyCounts | null): string[] {
  const keys = ['killed', 'wounded', 'abducted'] as const;
  return keys.map((k) => (before ? withChange(c, now[k], before[k]) : c.f.number(now[k])));
}

function compactCounts(c: Ctx, n: CasualtyCounts): string {
  if (n.killed + n.wounded + n.abducted === 0) return '–';
  const t = c.f.counts(n);
  return c.f.list([`${c.L.killed}: ${t.killed}`, `${c.L.wounded}: ${t.wounded}`, `${c.L.abducted}: ${t.abducted}`]);
}

function incidentsSection(c: Ctx): Section {
  const { L, f } = c;
  const inc = c.s.content.incidents;
  const I = L.incidents;
  const blocks: Block[] = [
    { kind: 'paragraph', text: I.total(f.number(inc.total.count), f.number(inc.total.previous)), role: 'lead' },
    { kind: 'subheading', text: I.byType },
  ];
  blocks.push(
    tableOr(
      {
        head: [I.type, I.count, I.previous, I.change],
        numeric: [1, 2, 3],
        rows: inc.byType.map((t) => [
          L.types[t.type] ?? typed(t.type),
          f.number(t.count),
          f.number(t.previous),
          c.ltr(f.change(t.count - t.previous)),
        ]),
      },
      I.none,
    ),
  );
  blocks.push({ kind: 'subheading', text: I.byDistrict });
  blocks.push(
    tableOr(
      {
        head: [I.district, I.count, I.previous, I.change],
        numeric: [1, 2, 3],
        // Reports drafted before districts were compared have no previous counts.
        rows: inc.byDistrict.map((d) => [
          d.district ? c.iso(f.name(d.district)) : I.unknownDistrict,
          f.number(d.count),
          d.previous === undefined ? '–' : f.number(d.previous),
          d.previous === undefined ? '–' : c.ltr(f.change(d.count - d.previous)),
        ]),
      },
      I.none,
    ),
  );
  const cas = inc.casualties;
  const prev = inc.previousCasualties;
  blocks.push({ kind: 'subheading', text: I.casualties });
  blocks.push({ kind: 'paragraph', text: I.changeNote, role: 'note' });
  blocks.push({
    kind: 'table',
    head: ['', L.killed, L.wounded, L.abducted],
    numeric: [1, 2, 3],
    rows: [
      ...cas.forces.map((x) => [
        I.forcesOf(orgName(c, x.org)),
        ...casualtyCells(c, x, prev.forces.find((p) => p.org === x.org) ?? { killed: 0, wounded: 0, abducted: 0 }),
      ]),
      [I.civilians, ...casualtyCells(c, cas.civilians, prev.civilians)],
      [I.total2, ...casualtyCells(c, cas.total, prev.total)],
    ],
  });
  blocks.push({ kind: 'subheading', text: I.significant });
  blocks.push(
    tableOr(
      {
        head: [I.time, I.type, I.place, I.grading, I.verification, L.killed, L.wounded, L.abducted],
        numeric: [5, 6, 7],
        rows: inc.significant.map((x) => {
          const marks = [x.exercise ? I.exercise : '', x.inGap ? I.inGap : ''].filter(Boolean);
          const type = L.types[x.type] ?? typed(x.type);
          return [
            f.shortDateTime(x.time),
            marks.length ? `${type} (${f.list(marks)})` : type,
            placeText(c, x.place) + (x.district ? ` — ${c.iso(f.name(x.district))}` : ''),
            x.grading ? c.ltr(typed(x.grading)) : I.ungraded,
            L.verification[x.verification] ?? x.verification,
            f.number(x.casualties.killed),
            f.number(x.casualties.wounded),
            f.number(x.casualties.abducted),
          ];
        }),
      },
      I.noSignificant,
    ),
  );
  if (inc.tearlines.length) {
    blocks.push({ kind: 'subheading', text: I.tearlines });
    blocks.push({ kind: 'paragraph', text: I.tearlinesNote, role: 'note' });
    blocks.push({
      kind: 'list',
      role: 'tearlines',
      items: inc.tearlines.map((t) => {
        const head = [
          f.date(t.date),
          L.types[t.type] ?? typed(t.type),
          t.area ? `${c.iso(t.area)} (${c.ltr(typed(t.mgrs))})` : c.ltr(typed(t.mgrs)),
        ];
        if (t.exercise) head.push(I.exercise);
        const cas = compactCounts(c, t.casualties);
        return [f.list(head), cas === '–' ? '' : cas, t.summary ? c.iso(t.summary) : ''].filter(Boolean).join(' — ');
      }),
    });
  }
  return { id: 'incidents', title: L.sections.incidents, blocks };
}

function civilianHarmSection(c: Ctx): Section {
  const { L, f } = c;
  const h = c.s.content.civilianHarm;
  const any = h.period.killed + h.period.wounded + h.period.abducted > 0;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: any ? L.civilianHarm.some(h.incidents, f.number(h.incidents), f.counts(h.period)) : L.civilianHarm.none,
      role: 'lead',
    },
    { kind: 'paragraph', text: L.civilianHarm.previous(f.counts(h.previous)) },
  ];
  const harmed = c.s.content.incidents.significant.filter(
    (x) => x.civilianCasualties.killed + x.civilianCasualties.wounded + x.civilianCasualties.abducted > 0,
  );
  if (harmed.length) {
    blocks.push({
      kind: 'table',
      head: [L.incidents.time, L.incidents.type, L.incidents.place, L.killed, L.wounded, L.abducted],
      numeric: [3, 4, 5],
      rows: harmed.map((x) => [
        f.shortDateTime(x.time),
        L.types[x.type] ?? typed(x.type),
        placeText(c, x.place),
        f.number(x.civilianCasualties.killed),
        f.number(x.civilianCasualties.wounded),
        f.number(x.civilianCasualties.abducted),
      ]),
    });
  }
  return { id: 'civilian-harm', title: L.sections.civilianHarm, blocks };
}

function freeText(c: Ctx, text: string): Block {
  const t = typed(text).trim();
  return t ? { kind: 'text', text: t } : { kind: 'paragraph', text: c.L.noText, role: 'note' };
}
