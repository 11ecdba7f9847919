import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sitrepContentFixture, sitrepFixture } from '../../test/harness/sitrep-fixture.ts';
import type { Sitrep, SitrepLanguage } from '../domain/sitrep.ts';
import ar from '../web/i18n/locales/ar.json' with { type: 'json' };
import ckb from '../web/i18n/locales/ckb.json' with { type: 'json' };
import en from '../web/i18n/locales/en.json' with { type: 'json' };
import type { Block } from './document.ts';
import { labelsFor } from './labels.ts';
import { renderSitrepHtml, renderSitrepMarkdown } from './render.ts';
import { sitrepDocument } from './sitrep-document.ts';

const languages: SitrepLanguage[] = ['en', 'ar', 'ckb'];

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted" \'single\' </td></table>';

/** The fixture with hostile text in every place a person or a data source can type. */
function hostileSitrep(): Sitrep {
  const s = sitrepFixture({
    assessment: hostile,
    intentions: `# Heading\n\n**bold** [link](http://evil.example) | pipe ${hostile}`,
  });
  s.content.jcc.name = { en: hostile, ar: hostile, ckb: null };
  s.content.orgNames.isf = { en: `ISF ${hostile}`, ar: `\u202Eقوات ${hostile}`, ckb: null };
  s.content.incidents.significant[0]!.place.name = { en: hostile, ar: null, ckb: hostile };
  s.content.incidents.significant[0]!.place.mgrs = `38SMD<b>${hostile}`;
  s.content.incidents.tearlines[0]!.summary = hostile;
  s.content.incidents.tearlines[0]!.area = hostile;
  s.content.coordination.activitiesDone[0]!.title = hostile;
  s.content.incidents.byType.push({ type: `unknown ${hostile}`, count: 1, previous: 0 });
  s.audience = { scope: 'group', group: hostile };
  s.corrects = hostile;
  s.correctionNote = hostile;
  return s;
}

// The only elements a report is made of: anything else in the output came from text and was not escaped.
const allowedTags = new Set(
  'html head meta title style body div p strong header h1 h2 h3 dl dt dd section table thead tbody tr th td ul li bdi br figure svg line text polygon polyline circle'.split(
    ' ',
  ),
);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
}

test('hostile text and names are escaped: no element, attribute or fetch comes from data', () => {
  for (const lang of languages) {
    const html = renderSitrepHtml(hostileSitrep(), lang);
    for (const tag of tagsOf(html)) assert.ok(allowedTags.has(tag), `${lang}: unexpected <${tag}>`);
    assert.doesNotMatch(html, /<[^>]*\son[a-z]+=/i);
    assert.doesNotMatch(html, /<[^>]*\s(src|href|xlink:href)=/i);
    assert.doesNotMatch(html.match(/<style>[\s\S]*<\/style>/)![0], /url\(|@import/i);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    // A typed direction override cannot reorder the report around it.
    assert.ok(!html.includes('\u202E'));
  }
});

test('any text typed into the report stays text in HTML and Markdown', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 80, unit: 'binary' }), fc.string({ maxLength: 40 }), (text, name) => {
      const s = sitrepFixture({ assessment: text, intentions: text });
      s.content.orgNames.isf = { en: name, ar: name, ckb: name };
      s.content.incidents.tearlines[0]!.summary = text;
      for (const lang of ['en', 'ar'] as const) {
        const html = renderSitrepHtml(s, lang);
        for (const tag of tagsOf(html)) assert.ok(allowedTags.has(tag), `unexpected <${tag}>`);
        const md = renderSitrepMarkdown(s, lang);
        // No raw HTML but the direction block of a right-to-left report.
        assert.deepEqual(
          tagsOf(md).filter((t) => t !== 'div'),
          [],
        );
      }
    }),
    { numRuns: 60 },
  );
});

test('Markdown escapes its specials in free text', () => {
  const md = renderSitrepMarkdown(hostileSitrep(), 'en');
  assert.ok(md.includes('\\# Heading'));
  assert.ok(md.includes('\\*\\*bold\\*\\* \\[link\\](http://evil.example) \\| pipe'));
  assert.ok(!md.includes('<script'));
});

test('Arabic and Sorani are right to left, with their headings; English left to right', () => {
  const s = sitrepFixture();
  assert.match(renderSitrepHtml(s, 'en'), /<html lang="en" dir="ltr">/);
  const arHtml = renderSitrepHtml(s, 'ar');
  assert.match(arHtml, /<html lang="ar" dir="rtl">/);
  for (const h of [
    'تقرير الموقف',
    'أبرز المستجدات',
    'الحوادث خلال الفترة',
    'الأضرار بالمدنيين',
    'الثغرة',
    'التنسيق',
    'التقييم',
    'النوايا',
  ])
    assert.ok(arHtml.includes(`${h}`), h);
  const ckbHtml = renderSitrepHtml(s, 'ckb');
  assert.match(ckbHtml, /<html lang="ckb" dir="rtl">/);
  for (const h of ['ڕاپۆرتی دۆخ', 'خاڵە گرنگەکان', 'زیانی هاووڵاتیان', 'بۆشاییەکە', 'هەماهەنگی'])
    assert.ok(ckbHtml.includes(h), h);
});

test('dates and numbers are written in the language: Iraqi months, Arabic-Indic digits, Baghdad time', () => {
  const s = sitrepFixture();
  const arHtml = renderSitrepHtml(s, 'ar');
  assert.ok(arHtml.includes('٧ كانون الأول ٢٠٢٦'), 'Iraqi Arabic month name and digits');
  assert.ok(arHtml.includes('بتوقيت بغداد'));
  assert.ok(arHtml.includes('٣١٢٫٤'), 'Arabic decimal separator');
  const ckbHtml = renderSitrepHtml(s, 'ckb');
  assert.ok(ckbHtml.includes('کانوونی یەکەم'), 'Sorani month name');
  assert.ok(ckbHtml.includes('٢٠٢٦'));
  const enHtml = renderSitrepHtml(s, 'en');
  // 05:40 UTC is 08:40 in Baghdad, on a 24-hour clock.
  assert.ok(enHtml.includes('6\u00A0Dec,\u00A008:40'));
  assert.ok(enHtml.includes('Baghdad time (UTC+3)'));
});

test('MGRS references and signed changes read left to right inside right-to-left text', () => {
  const html = renderSitrepHtml(sitrepFixture(), 'ar');
  assert.ok(html.includes('<bdi dir="ltr">38SME6548515251</bdi>'));
  assert.match(html, /<bdi dir="ltr">[^<]*\+٢<\/bdi>/);
  assert.ok(!renderSitrepHtml(sitrepFixture(), 'en').includes('<bdi dir="ltr">'));
});

test('civilian harm is its own section even when nobody was harmed', () => {
  const s = sitrepFixture();
  const zero = { killed: 0, wounded: 0, abducted: 0 };
  s.content.civilianHarm = { period: zero, previous: zero, incidents: 0 };
  const expected = {
    en: 'No civilian casualties were reported in the period.',
    ar: 'لم يُبلَّغ عن أي إصابات بين المدنيين خلال الفترة.',
    ckb: 'لەم ماوەیەدا هیچ قوربانییەکی هاووڵاتیان ڕاپۆرت نەکراوە.',
  };
  for (const lang of languages) {
    const html = renderSitrepHtml(s, lang);
    assert.ok(html.includes('<section id="civilian-harm">'), lang);
    assert.ok(html.includes(expected[lang]), lang);
    assert.ok(renderSitrepMarkdown(s, lang).includes(expected[lang]), lang);
  }
});

test('without a coordination line the gap section says so', () => {
  const s = sitrepFixture();
  s.content.gap = null;
  const html = renderSitrepHtml(s, 'en');
  assert.ok(html.includes('No coordination line is set up at this site'));
  assert.ok(!html.includes('<svg'));
});

test('a draft is visibly marked, a correction says what it corrects', () => {
  const draft = sitrepFixture({ state: 'draft', releasedAt: null, releasedBy: null });
  const html = renderSitrepHtml(draft, 'en');
  assert.ok(html.includes('<body class="draft">'));
  assert.ok(html.includes('class="draft-mark"'));
  assert.ok(renderSitrepHtml(draft, 'ar').includes('مسودة'));
  assert.ok(renderSitrepMarkdown(draft, 'en').includes('**DRAFT**'));
  assert.ok(!renderSitrepHtml(sitrepFixture(), 'en').includes('DRAFT'));
  const correction = sitrepFixture({
    corrects: 'sitrep-0000',
    correctsNumber: 41,
    correctionNote: 'Casualty figures of Daquq.',
  });
  const c = renderSitrepHtml(correction, 'en');
  assert.ok(c.includes('<dt>Corrects report</dt><dd>No. 41</dd>') && c.includes('Casualty figures of Daquq.'));
  assert.ok(!c.includes('sitrep-0000'), 'named by its number, not its id');
  assert.ok(renderSitrepMarkdown(correction, 'en').includes('**Corrects report:** No. 41'));
  assert.ok(renderSitrepHtml(correction, 'ar').includes('<dt>يصحّح التقرير</dt><dd>رقم ٤١</dd>'));
  assert.ok(renderSitrepHtml(correction, 'ckb').includes('<dt>ڕاستکردنەوەی ڕاپۆرتی</dt><dd>ژمارە ٤١</dd>'));
  // A correction drafted before the number was kept still names what it corrects, by id.
  const older = renderSitrepHtml({ ...correction, correctsNumber: null }, 'en');
  assert.ok(older.includes('sitrep-0000'));
});

test('highlights are sentences from the data, first', () => {
  const html = renderSitrepHtml(sitrepFixture(), 'en');
  assert.ok(html.indexOf('id="highlights"') < html.indexOf('id="incidents"'));
  assert.ok(html.includes('1 new corridor opened across the gap: Laylan (38SME6548515251).'));
  assert.ok(html.includes('The uncovered area narrowed from 15.2% to 14.6% of the JCC’s area (325.1 to 312.4 km²).'));
  assert.ok(html.includes('2 support requests are overdue'));
});

test('the gap is worded as the JCC’s area of responsibility, beside the whole line, in every language', () => {
  const s = sitrepFixture();
  const expected = {
    en: [
      'Uncovered in the JCC’s area of responsibility: 312.4 km² of its 2,140 km² of the zone (14.6%).',
      'Whole coordination line',
      '1,104.6 km² of the 6,385 km² zone uncovered (17.3%)',
      'Longest uncovered stretch of the whole line',
      'Uncovered share of the JCC’s area, last 30 days',
      'of the gap in the JCC’s area, leaving 11.8% of its area uncovered; corridors in it staying open: 2.',
    ],
    ar: [
      'غير مغطى في منطقة مسؤولية مركز التنسيق المشترك',
      'خط التنسيق كاملًا',
      'أطول امتداد غير مغطى على الخط كاملًا',
      'من منطقة مسؤولية المركز (من',
      'من الثغرة في منطقة مسؤولية المركز',
    ],
    ckb: [
      'دانەپۆشراو لە ناوچەی بەرپرسیارێتیی ناوەندی هەماهەنگیی هاوبەشدا',
      'هەموو هێڵی هەماهەنگی',
      'درێژترین بەشی دانەپۆشراوی هەموو هێڵەکە',
      'ی ناوچەی بەرپرسیارێتیی ناوەندەکە (لە',
      'لە بۆشاییی ناوچەی بەرپرسیارێتیی ناوەندەکە دادەخەن',
    ],
  };
  for (const lang of languages) {
    const html = renderSitrepHtml(s, lang);
    const md = visible(renderSitrepMarkdown(s, lang).replace(/\\([\\`*_[\]{}|~#!+=.)-])/g, '$1'));
    for (const t of expected[lang]) {
      assert.ok(visible(html).includes(t), `${lang} HTML lacks: ${t}`);
      assert.ok(md.includes(t), `${lang} Markdown lacks: ${t}`);
    }
  }
  const none = sitrepFixture();
  none.content.gap!.corridors = [];
  none.content.gap!.hotspots = [];
  none.content.gap!.checkpoints = [];
  const html = renderSitrepHtml(none, 'en');
  for (const t of [
    'No corridor crosses the zone in the JCC’s area.',
    'No hotspot in the JCC’s area.',
    'No recommended joint checkpoint lies in the JCC’s area.',
  ])
    assert.ok(html.includes(t), t);
});

test('a report drafted when the gap was the whole line’s keeps the whole line’s wording', () => {
  const s = sitrepFixture();
  delete s.content.gap!.line;
  const html = renderSitrepHtml(s, 'en');
  assert.ok(html.includes('Uncovered: 312.4 km² of the 2,140 km² zone (14.6%).'));
  assert.ok(html.includes('The uncovered area narrowed from 15.2% to 14.6% of the zone (325.1 to 312.4 km²).'));
  assert.ok(!html.includes('JCC’s area'));
  assert.ok(!html.includes('Whole coordination line'));
});

test('incidents by district are compared with the previous period, as by type', () => {
  const s = sitrepFixture();
  const html = renderSitrepHtml(s, 'en');
  assert.ok(
    html.includes(
      '<th>District</th><th class="num">In the period</th><th class="num">Previous period</th><th class="num">Change</th>',
    ),
  );
  assert.ok(html.includes('<td>Daquq</td><td class="num">4</td><td class="num">1</td><td class="num">+3</td>'));
  assert.ok(html.includes('<td>Tuz Khurmatu</td><td class="num">1</td><td class="num">2</td><td class="num">-1</td>'));
  const md = renderSitrepMarkdown(s, 'en');
  assert.ok(md.includes('| District | In the period | Previous period | Change |'));
  assert.ok(md.includes('| Daquq | 4 | 1 | \\+3 |'));
  assert.match(
    renderSitrepHtml(s, 'ar'),
    /<td>.*داقوق.*<\/td><td class="num">٤<\/td><td class="num">١<\/td><td class="num"><bdi dir="ltr">[^<]*\+٣<\/bdi><\/td>/,
  );
  // A report drafted before districts were compared shows no previous count rather than a wrong one.
  for (const d of s.content.incidents.byDistrict) delete d.previous;
  assert.ok(
    renderSitrepHtml(s, 'en').includes(
      '<td>Daquq</td><td class="num">4</td><td class="num">–</td><td class="num">–</td>',
    ),
  );
});

/** Every text of the outline, as a reader sees it (no isolates). */
function outlineTexts(s: Sitrep, lang: SitrepLanguage): string[] {
  const d = sitrepDocument(s, lang);
  const out = [d.title, d.audienceLine, ...d.facts.flatMap((f) => [f.label, f.value])];
  const ofBlock = (b: Block): string[] => {
    switch (b.kind) {
      case 'paragraph':
      case 'subheading':
        return [b.text];
      case 'text':
        return b.text.split(/\n+/);
      case 'facts':
        return b.rows.flatMap((r) => [r.label, r.value]);
      case 'table':
        return [...b.head, ...b.rows.flat()];
      case 'list':
        return b.items;
      case 'chart':
        return [b.xLabel, b.yLabel, ...b.points.flatMap((p) => [p.label, p.valueText])];
    }
  };
  for (const sec of d.sections) out.push(sec.title, ...sec.blocks.flatMap(ofBlock));
  return out.map(visible).filter(Boolean);
}

const visible = (t: string) =>
  t
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const decode = (t: string) =>
  t
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&#9;', '\t')
    .replaceAll('&#10;', '\n')
    .replaceAll('&#13;', '\r')
    .replaceAll('&amp;', '&');

test('the Markdown carries the same content as the HTML', () => {
  for (const s of [sitrepFixture(), hostileSitrep()]) {
    for (const lang of languages) {
      const htmlText = visible(
        decode(
          renderSitrepHtml(s, lang)
            .replace(/<style>[\s\S]*?<\/style>/, '')
            .replace(/<\/?bdi[^>]*>/g, '')
            .replace(/<[^>]+>/g, ' '),
        ),
      );
      const mdText = visible(decode(renderSitrepMarkdown(s, lang).replace(/\\([\\`*_[\]{}|~#!+=.)-])/g, '$1')));
      for (const t of outlineTexts(s, lang)) {
        assert.ok(htmlText.includes(t), `${lang} HTML lacks: ${t}`);
        assert.ok(mdText.includes(t), `${lang} Markdown lacks: ${t}`);
      }
    }
  }
});

test('the same report renders to the same bytes', () => {
  for (const lang of languages) {
    assert.equal(renderSitrepHtml(sitrepFixture(), lang), renderSitrepHtml(structuredClone(sitrepFixture()), lang));
    assert.equal(
      renderSitrepMarkdown(sitrepFixture(), lang),
      renderSitrepMarkdown(structuredClone(sitrepFixture()), lang),
    );
  }
});

test('names fall back to English where the language has none', () => {
  const content = sitrepContentFixture();
  assert.equal(content.orgNames.unama!.ar, null);
  const html = renderSitrepHtml(sitrepFixture(), 'ar');
  assert.ok(html.includes('UN Assistance Mission'));
});

test("incident types, verification states and activity terms are the web app's words", () => {
  const web = { en, ar, ckb } as const;
  for (const lang of languages) {
    const L = labelsFor(lang);
    const w = web[lang] as unknown as {
      types: Record<string, string>;
      verification: Record<string, string>;
      activities: { kinds: Record<string, string>; states: Record<string, string> };
    };
    assert.deepEqual(L.types, w.types, `${lang} types`);
    assert.deepEqual(L.verification, w.verification, `${lang} verification`);
    assert.deepEqual(L.activityKinds, w.activities.kinds, `${lang} activity kinds`);
    assert.deepEqual(L.activityStates, w.activities.states, `${lang} activity states`);
    const webMonths = Object.values(
      (web[lang] as unknown as { report: { when: { months: Record<string, string> } } }).report.when.months,
    );
    if (L.months) assert.deepEqual(L.months, webMonths, `${lang} months`);
  }
});
