import type { SitrepActivity, SitrepGap } from '../domain/sitrep.ts';
import { type Block, type Section, tableOr, typed } from './document.ts';
import { type Ctx, orgName, placeText } from './report-context.ts';

/** The gap: its size, corridors, 30-day trend, hotspots, recommended checkpoints and forecast. */
export function gapSection(c: Ctx): Section {
  const { L } = c;
  const gap = c.s.content.gap;
  const blocks: Block[] = gap ? gapBlocks(c, gap) : [{ kind: 'paragraph', text: L.gap.noLine, role: 'lead' }];
  return { id: 'gap', title: L.sections.gap, blocks };
}

/**
 * The gap's wording: of the JCC's area of responsibility beside the whole line, or — in a report
 * drafted before the figures were the AOR's (it has no `line`) — of the whole line, as it was.
 */
export function gapWording(c: Ctx, gap: SitrepGap) {
  const G = c.L.gap;
  return gap.line ? { ...G, ...G.aor, line: gap.line } : { ...G, line: null };
}

function gapBlocks(c: Ctx, gap: SitrepGap): Block[] {
  const { L, f } = c;
  const G = gapWording(c, gap);
  const km = (v: number | null) => (v === null ? '–' : `${f.number(v, 1)} ${L.km}`);
  const km2 = (v: number) => `${f.number(v, 1)} ${L.km2}`;
  const figures = (x: { uncoveredKm2: number; zoneKm2: number; uncoveredShare: number }) =>
    [f.number(x.uncoveredKm2, 1), f.number(x.zoneKm2, 1), f.percent(x.uncoveredShare)] as const;
  const facts = [{ label: G.longestStretch, value: km(gap.longestStretchKm) }];
  if (G.line) facts.unshift({ label: G.aor.wholeLine, value: G.aor.lineUncovered(...figures(G.line)) });
  const blocks: Block[] = [
    { kind: 'paragraph', role: 'lead', text: G.uncovered(...figures(gap)) },
    { kind: 'facts', rows: facts },
    { kind: 'subheading', text: G.trend },
  ];
  blocks.push(
    gap.trend.length ? trendChart(c, gap, G.trend) : { kind: 'paragraph', text: G.trendNoData, role: 'note' },
  );
  blocks.push({ kind: 'subheading', text: G.corridors });
  blocks.push(
    tableOr(
      {
        head: [G.rank, G.area, G.narrowest, G.narrowestAt],
        numeric: [0, 1, 2],
        rows: gap.corridors.map((x, i) => [
          f.number(i + 1),
          km2(x.areaKm2),
          km(x.narrowestWidthKm),
          placeText(c, x.narrowestAt),
        ]),
      },
      G.noCorridors,
    ),
  );
  blocks.push({ kind: 'subheading', text: G.hotspots });
  blocks.push(
    tableOr(
      {
        head: [G.rank, G.cells, G.centre],
        numeric: [0, 1],
        rows: gap.hotspots.map((x, i) => [f.number(i + 1), f.number(x.cells), placeText(c, x.centre)]),
      },
      G.noHotspots,
    ),
  );
  blocks.push({ kind: 'subheading', text: G.checkpoints });
  blocks.push(
    tableOr(
      {
        head: [G.rank, L.incidents.place, G.gain],
        numeric: [0, 2],
        rows: gap.checkpoints.map((x, i) => [f.number(i + 1), placeText(c, x.place), f.number(x.gain, 2)]),
      },
      G.noCheckpoints,
    ),
  );
  blocks.push({ kind: 'subheading', text: G.forecast });
  const fc = gap.forecast;
  blocks.push({
    kind: 'paragraph',
    text: fc
      ? G.forecastText(
          f.dateTime(fc.from),
          f.dateTime(fc.to),
          f.percent(fc.plannedUncoveredShare),
          f.number(fc.closesKm2, 1),
          f.percent(fc.closesShare),
          f.number(fc.corridorsStayingOpen),
        )
      : G.noForecast,
  });
  return blocks;
}

/** The trend as chart data: one point a day, the value axis up to the next 5% step above the largest share. */
function trendChart(c: Ctx, gap: SitrepGap, title: string): Block {
  const { L, f } = c;
  const max = Math.max(0, ...gap.trend.map((t) => t.uncoveredShare));
  const step = max <= 0.2 ? 0.05 : max <= 0.5 ? 0.1 : 0.25;
  const top = Math.min(1, Math.max(step, Math.ceil((max + 1e-9) / step) * step));
  const yTicks: Array<{ value: number; label: string }> = [];
  for (let v = 0; v <= top + 1e-9; v += step) yTicks.push({ value: v, label: f.percent(v) });
  return {
    kind: 'chart',
    title,
    xLabel: L.gap.trendAxisDay,
    yLabel: L.gap.trendAxisShare,
    points: gap.trend.map((t) => ({
      label: f.shortDate(t.to),
      value: t.uncoveredShare,
      valueText: f.percent(t.uncoveredShare),
    })),
    yTicks,
  };
}

function activityRows(c: Ctx, list: SitrepActivity[]): string[][] {
  const { L, f } = c;
  return list.map((a) => [
    c.iso(a.title),
    L.activityKinds[a.kind] ?? typed(a.kind),
    `${f.shortDateTime(a.start)} – ${f.shortDateTime(a.end)}`,
    L.activityStates[a.state] ?? typed(a.state),
    a.conflicts > 0 ? L.coordination.conflicts(a.conflicts, f.number(a.conflicts)) : L.coordination.noConflict,
  ]);
}

/** Coordination: activities done and planned, support requests and their response times, acknowledgements awaited. */
export function coordinationSection(c: Ctx): Section {
  const { L, f } = c;
  const C = L.coordination;
  const co = c.s.content.coordination;
  const head = [C.title, C.kind, C.when, C.state, C.deconfliction];
  const blocks: Block[] = [{ kind: 'subheading', text: C.done }];
  blocks.push(tableOr({ head, numeric: [], rows: activityRows(c, co.activitiesDone) }, C.noneDone));
  blocks.push({ kind: 'subheading', text: C.planned });
  blocks.push(tableOr({ head, numeric: [], rows: activityRows(c, co.activitiesPlanned) }, C.nonePlanned));
  const r = co.requests;
  blocks.push({ kind: 'subheading', text: C.requests });
  blocks.push({
    kind: 'facts',
    rows: [
      { label: C.opened, value: f.number(r.opened) },
      { label: C.answered, value: f.number(r.answered) },
      { label: C.overdue, value: f.number(r.overdue) },
    ],
  });
  blocks.push({
    kind: 'table',
    head: ['', C.answers, C.median, C.p90],
    numeric: [1, 2, 3],
    rows: [
      [C.toAccept, f.number(r.toAccept.count), f.duration(r.toAccept.median_s), f.duration(r.toAccept.p90_s)],
      [C.toComplete, f.number(r.toComplete.count), f.duration(r.toComplete.median_s), f.duration(r.toComplete.p90_s)],
    ],
  });
  blocks.push({ kind: 'subheading', text: C.acknowledgements });
  blocks.push(
    tableOr(
      {
        head: [C.activity, C.organisation],
        numeric: [],
        rows: co.acknowledgementsOutstanding.map((a) => [
          `${c.iso(a.title)} (${c.ltr(typed(a.activityId))})`,
          orgName(c, a.org),
        ]),
      },
      C.noAcknowledgements,
    ),
  );
  return { id: 'coordination', title: L.sections.coordination, blocks };
}
