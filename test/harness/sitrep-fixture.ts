import type { CasualtyCounts } from '../../src/domain/incident.ts';
import type { NameSet, Sitrep, SitrepContent, SitrepPlace } from '../../src/domain/sitrep.ts';

/**
 * A realistic daily SITREP of the Kirkuk JCC for its partners, with every section filled: the
 * fixture of the report renderer's tests and benchmark. Figures are consistent with each other
 * (totals add up) but invented; the MGRS references are those of the named places.
 */

const names = (en: string, ar: string, ckb: string): NameSet => ({ en, ar, ckb });
const place = (name: NameSet | null, mgrs: string): SitrepPlace => ({ name, mgrs });
const counts = (killed: number, wounded: number, abducted = 0): CasualtyCounts => ({ killed, wounded, abducted });

export const districts = {
  kirkuk: names('Kirkuk', 'كركوك', 'کەرکووک'),
  daquq: names('Daquq', 'داقوق', 'داقووق'),
  dibis: names('Dibis', 'الدبس', 'دبس'),
  hawija: names('Hawija', 'الحويجة', 'حەویجە'),
  tuz: names('Tuz Khurmatu', 'طوز خورماتو', 'دووزخورماتوو'),
};

export const places = {
  kirkuk: place(names('Kirkuk', 'كركوك', 'کەرکووک'), '38SME4465625337'),
  daquq: place(names('Daquq', 'داقوق', 'داقووق'), '38SMD4989688707'),
  taza: place(names('Taza Khurmatu', 'تازة خورماتو', 'تازە خورماتوو'), '38SME3908406518'),
  laylan: place(names('Laylan', 'ليلان', 'لەیلان'), '38SME6548515251'),
  hawija: place(names('Hawija', 'الحويجة', 'حەویجە'), '38SLE8910509213'),
  altun: place(names('Altun Kupri', 'آلتون كوبري', 'پردێ'), '38SME2313955444'),
  yayachi: place(names('Yayachi', 'ياينجة', 'یایچی'), '38SME3187815443'),
  sargaran: place(null, '38SME5021746377'),
  dibis: place(names('Dibis', 'الدبس', 'دبس'), '38SME1397943326'),
};

const day = 86_400_000;
const periodTo = Date.parse('2026-12-07T03:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Thirty daily windows, the gap slowly closing with a bump mid-month. */
function trend(): SitrepContent['gap'] extends infer G ? (G extends { trend: infer T } ? T : never) : never {
  return Array.from({ length: 30 }, (_, i) => {
    const from = periodTo - (30 - i) * day;
    const share = 0.238 - i * 0.0031 + (i >= 12 && i <= 16 ? 0.018 : 0);
    return {
      from: iso(from),
      to: iso(from + day),
      uncoveredShare: Math.round(share * 1000) / 1000,
      corridors: i < 20 ? 4 : 3,
    };
  });
}

export function sitrepContentFixture(): SitrepContent {
  const isf = counts(2, 5);
  const peshmerga = counts(1, 3);
  const civilians = counts(3, 7, 2);
  return {
    asOf: '2026-12-07T03:00:05.000Z',
    jcc: {
      code: 'jcc-kirkuk',
      name: names(
        'Kirkuk Joint Coordination Centre',
        'مركز التنسيق المشترك في كركوك',
        'ناوەندی هەماهەنگیی هاوبەشی کەرکووک',
      ),
    },
    period: { from: iso(periodTo - day), to: iso(periodTo) },
    previousPeriod: { from: iso(periodTo - 2 * day), to: iso(periodTo - day) },
    audience: { releasability: 'partners', orgs: ['isf', 'peshmerga'] },
    orgNames: {
      isf: names('Iraqi Security Forces', 'قوات الأمن العراقية', 'هێزە ئەمنییەکانی عێراق'),
      peshmerga: names('Peshmerga', 'البيشمركة', 'پێشمەرگە'),
      unama: { en: 'UN Assistance Mission', ar: null, ckb: null },
    },
    highlights: [
      { kind: 'casualties', incidents: 4, total: counts(6, 15, 2), civilians },
      { kind: 'gap_narrowed', share: 0.146, previousShare: 0.152, km2: 312.4, previousKm2: 325.1 },
      { kind: 'new_corridors', count: 1, places: [places.laylan] },
      { kind: 'incidents_changed', count: 11, previous: 7 },
      { kind: 'overdue_requests', count: 2 },
      { kind: 'activity_conflicts', count: 1 },
    ],
    incidents: {
      total: { count: 11, previous: 7 },
      byType: [
        { type: 'ied', count: 3, previous: 1 },
        { type: 'indirect_fire', count: 2, previous: 2 },
        { type: 'armed_clash', count: 2, previous: 0 },
        { type: 'abduction', count: 1, previous: 1 },
        { type: 'sighting', count: 2, previous: 3 },
        { type: 'ied_found_cleared', count: 1, previous: 0 },
      ],
      byDistrict: [
        { district: districts.daquq, count: 4, previous: 1 },
        { district: districts.kirkuk, count: 3, previous: 3 },
        { district: districts.hawija, count: 2, previous: 1 },
        { district: districts.tuz, count: 1, previous: 2 },
        { district: null, count: 1, previous: 0 },
      ],
      casualties: {
        forces: [
          { org: 'isf', ...isf },
          { org: 'peshmerga', ...peshmerga },
        ],
        civilians,
        total: counts(6, 15, 2),
      },
      previousCasualties: {
        forces: [
          { org: 'isf', ...counts(1, 2) },
          { org: 'peshmerga', ...counts(0, 1) },
        ],
        civilians: counts(1, 2),
        total: counts(2, 5),
      },
      significant: [
        {
          id: 'inc-7f3a1c',
          time: '2026-12-06T05:40:00.000Z',
          type: 'ied',
          place: places.daquq,
          district: districts.daquq,
          grading: 'B2',
          verification: 'confirmed',
          casualties: counts(2, 4),
          civilianCasualties: counts(1, 1),
          inGap: true,
          exercise: false,
        },
        {
          id: 'inc-7f3a2d',
          time: '2026-12-06T09:15:00.000Z',
          type: 'indirect_fire',
          place: places.taza,
          district: districts.daquq,
          grading: 'C3',
          verification: 'reported',
          casualties: counts(0, 3),
          civilianCasualties: counts(0, 3),
          inGap: false,
          exercise: false,
        },
        {
          id: 'inc-7f3a3e',
          time: '2026-12-06T13:02:00.000Z',
          type: 'armed_clash',
          place: places.hawija,
          district: districts.hawija,
          grading: 'A1',
          verification: 'confirmed',
          casualties: counts(2, 5),
          civilianCasualties: counts(0, 0),
          inGap: true,
          exercise: false,
        },
        {
          id: 'inc-7f3a4f',
          time: '2026-12-06T17:48:00.000Z',
          type: 'abduction',
          place: places.yayachi,
          district: districts.kirkuk,
          grading: null,
          verification: 'reported',
          casualties: counts(0, 0, 2),
          civilianCasualties: counts(0, 0, 2),
          inGap: false,
          exercise: false,
        },
        {
          id: 'inc-7f3a50',
          time: '2026-12-06T21:30:00.000Z',
          type: 'ied',
          place: places.kirkuk,
          district: districts.kirkuk,
          grading: 'B2',
          verification: 'confirmed',
          casualties: counts(2, 3),
          civilianCasualties: counts(2, 3),
          inGap: false,
          exercise: false,
        },
        {
          id: 'inc-7f3a61',
          time: '2026-12-07T00:10:00.000Z',
          type: 'ied_found_cleared',
          place: places.sargaran,
          district: null,
          grading: 'B1',
          verification: 'confirmed',
          casualties: counts(0, 0),
          civilianCasualties: counts(0, 0),
          inGap: true,
          exercise: false,
        },
        {
          id: 'inc-7f3a72',
          time: '2026-12-07T01:25:00.000Z',
          type: 'sighting',
          place: places.altun,
          district: districts.dibis,
          grading: 'D4',
          verification: 'reported',
          casualties: counts(0, 0),
          civilianCasualties: counts(0, 0),
          inGap: true,
          exercise: true,
        },
      ],
      tearlines: [
        {
          id: 'inc-9b01aa',
          date: '2026-12-06',
          type: 'armed_clash',
          mgrs: '38SMD6610059700',
          area: 'Tuz Khurmatu district',
          casualties: counts(0, 0),
          summary: 'Exchange of fire near a checkpoint on the Tuz–Kirkuk road; no casualties reported.',
          exercise: false,
        },
        {
          id: 'inc-9b01bb',
          date: '2026-12-06',
          type: 'sighting',
          mgrs: '38SME6500015200',
          area: null,
          casualties: counts(0, 0),
          summary: null,
          exercise: false,
        },
      ],
    },
    civilianHarm: { period: civilians, previous: counts(1, 2), incidents: 4 },
    gap: {
      zoneKm2: 2140,
      uncoveredKm2: 312.4,
      uncoveredShare: 0.146,
      line: { zoneKm2: 6385, uncoveredKm2: 1104.6, uncoveredShare: 0.173 },
      longestStretchKm: 18.7,
      corridors: [
        { id: 'c1', areaKm2: 96.2, narrowestWidthKm: 2.4, narrowestAt: places.laylan },
        { id: 'c2', areaKm2: 71.8, narrowestWidthKm: 3.1, narrowestAt: places.daquq },
        { id: 'c3', areaKm2: 40.5, narrowestWidthKm: null, narrowestAt: places.sargaran },
      ],
      hotspots: [
        { id: 'h1', cells: 7, centre: places.daquq },
        { id: 'h2', cells: 4, centre: places.hawija },
      ],
      checkpoints: [
        { place: places.laylan, gain: 5.5 },
        { place: places.taza, gain: 3.25 },
        { place: place(null, '38SME5400030000'), gain: 1.75 },
      ],
      trend: trend(),
      forecast: {
        from: iso(periodTo),
        to: iso(periodTo + day),
        plannedUncoveredShare: 0.118,
        closesKm2: 59.9,
        closesShare: 0.192,
        corridorsStayingOpen: 2,
      },
    },
    coordination: {
      activitiesDone: [
        {
          id: 'act-11',
          kind: 'patrol',
          title: 'Joint patrol Daquq–Taza road',
          start: '2026-12-06T04:00:00.000Z',
          end: '2026-12-06T10:00:00.000Z',
          state: 'done',
          conflicts: 0,
        },
        {
          id: 'act-12',
          kind: 'checkpoint_setup',
          title: 'Temporary checkpoint at Laylan junction',
          start: '2026-12-06T06:00:00.000Z',
          end: '2026-12-06T18:00:00.000Z',
          state: 'done',
          conflicts: 0,
        },
        {
          id: 'act-13',
          kind: 'air_isr',
          title: 'ISR over the Hawija corridor',
          start: '2026-12-06T15:00:00.000Z',
          end: '2026-12-06T19:00:00.000Z',
          state: 'done',
          conflicts: 1,
        },
      ],
      activitiesPlanned: [
        {
          id: 'act-21',
          kind: 'operation',
          title: 'Clearance of the Sargaran villages',
          start: '2026-12-07T04:00:00.000Z',
          end: '2026-12-07T14:00:00.000Z',
          state: 'conflict_raised',
          conflicts: 2,
        },
        {
          id: 'act-22',
          kind: 'movement',
          title: 'Convoy Kirkuk to Altun Kupri',
          start: '2026-12-07T07:00:00.000Z',
          end: '2026-12-07T09:30:00.000Z',
          state: 'acknowledged',
          conflicts: 0,
        },
        {
          id: 'act-23',
          kind: 'patrol',
          title: 'Night patrol Yayachi',
          start: '2026-12-07T17:00:00.000Z',
          end: '2026-12-07T23:00:00.000Z',
          state: 'notified',
          conflicts: 0,
        },
      ],
      requests: {
        opened: 5,
        answered: 3,
        overdue: 2,
        toAccept: { count: 3, median_s: 1260, p90_s: 5400 },
        toComplete: { count: 2, median_s: 20_700, p90_s: 93_600 },
      },
      acknowledgementsOutstanding: [
        { activityId: 'act-23', title: 'Night patrol Yayachi', org: 'peshmerga' },
        { activityId: 'act-21', title: 'Clearance of the Sargaran villages', org: 'unama' },
      ],
    },
  };
}

/** The fixture report, released; `overrides` change any top-level field. */
export function sitrepFixture(overrides: Partial<Sitrep> = {}): Sitrep {
  return {
    id: 'sitrep-0001',
    jcc: 'jcc-kirkuk',
    number: 42,
    periodFrom: iso(periodTo - day),
    periodTo: iso(periodTo),
    originatorOrg: 'isf',
    audience: { scope: 'partners' },
    state: 'released',
    content: sitrepContentFixture(),
    assessment:
      'IED activity has shifted south towards Daquq, inside the gap between the two forces.\n\nThe new corridor at Laylan is the most likely route; a joint checkpoint there would cut it.',
    intentions: 'Joint patrol on the Daquq–Taza road daily 06:00–12:00.\nRequest ISR over the Laylan corridor.',
    corrects: null,
    correctsNumber: null,
    correctionNote: null,
    nextDue: iso(periodTo + day),
    releasedAt: '2026-12-07T03:40:00.000Z',
    releasedBy: 'user-analyst',
    createdBy: null,
    createdAt: '2026-12-07T03:00:05.000Z',
    updatedAt: '2026-12-07T03:40:00.000Z',
    version: 3,
    ...overrides,
  };
}
