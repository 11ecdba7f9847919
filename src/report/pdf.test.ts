import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sitrepFixture } from '../../test/harness/sitrep-fixture.ts';
import { SeamError } from '../domain/errors.ts';
import type { SitrepLanguage } from '../domain/sitrep.ts';
import { chromiumExecutable, closePdfRenderer, renderPdf } from './pdf.ts';
import { renderSitrepHtml } from './render.ts';
import { renderSitrepPdf } from './sitrep-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'seam-sitrep-pdf-'));
after(async () => {
  await closePdfRenderer();
  rmSync(dir, { recursive: true, force: true });
});

const hasPoppler = ['pdfinfo', 'pdftotext', 'pdftoppm'].every((tool) => spawnSync(tool, ['-v']).error === undefined);

/** Why these tests cannot run here; in CI a missing tool is a failure, never a skip. */
function unavailable(): string | undefined {
  const why = !existsSync(chromiumExecutable())
    ? 'Chromium is not installed (Debian package `chromium`)'
    : !hasPoppler
      ? 'poppler-utils is not installed (pdfinfo, pdftotext, pdftoppm)'
      : undefined;
  if (why && process.env.CI === 'true') throw new Error(`PDF tests cannot run in CI: ${why}`);
  return why;
}
const skip = unavailable();

function run(tool: string, args: string[]): Buffer {
  const r = spawnSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${tool} failed: ${r.stderr}`);
  return r.stdout;
}

const pdfs = new Map<SitrepLanguage, string>();

/** The fixture's PDF in a language, printed once and kept on disk for the poppler tools. */
async function pdfFile(lang: SitrepLanguage): Promise<string> {
  let file = pdfs.get(lang);
  if (!file) {
    file = join(dir, `sitrep-${lang}.pdf`);
    writeFileSync(file, await renderSitrepPdf(sitrepFixture(), lang));
    pdfs.set(lang, file);
  }
  return file;
}

const pages = (file: string) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]).toString())?.[1]);
const text = (file: string, page?: number) =>
  run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']).toString();

/**
 * Arabic as pdftotext gives it back, made comparable: it writes lam-alef ligatures in visual order
 * (الأ comes out as األ) and moves vowel marks, so both sides drop lam, the alefs and the marks.
 */
const squash = (t: string) =>
  t.normalize('NFKC').replace(/[\u064B-\u0652\u0640\u200E\u200F\u202A-\u202E\u2066-\u2069لاأإآ\s]/g, '');

// The pages the fixture prints to on A4, as measured with Debian's Chromium and Noto fonts: four in
// every language (a change of layout that adds a page shows here).
const expectedPages: Record<SitrepLanguage, number> = { en: 4, ar: 4, ckb: 4 };

for (const lang of ['en', 'ar', 'ckb'] as const) {
  test(`the ${lang} PDF has its expected pages, its audience on each and a page count in the footer`, {
    skip,
  }, async () => {
    const file = await pdfFile(lang);
    const n = pages(file);
    assert.equal(n, expectedPages[lang]);
    if (lang === 'en') {
      for (let p = 1; p <= n; p++) {
        const t = text(file, p);
        assert.equal(t.split('Released to: the member organisations of the JCC').length - 1 >= 2, true, `page ${p}`);
        assert.ok(t.includes(`Page ${p} of ${n}`), `page ${p}`);
      }
    }
  });
}

test('the Arabic PDF carries the Arabic headings in its text layer', { skip }, async () => {
  const t = text(await pdfFile('ar'));
  // Headings without a lam-alef ligature come back letter for letter.
  for (const h of ['تقرير الموقف', 'أبرز المستجدات', 'الثغرة', 'التنسيق', 'التقييم', 'النوايا'])
    assert.ok(t.includes(h), h);
  for (const h of ['الحوادث خلال الفترة', 'الأضرار بالمدنيين', 'يُنشر إلى']) assert.ok(squash(t).includes(squash(h)), h);
  const k = text(await pdfFile('ckb'));
  for (const h of ['ڕاپۆرتی دۆخ', 'خاڵە گرنگەکان', 'هەماهەنگی']) assert.ok(squash(k).includes(squash(h)), h);
});

test('page 1 rendered to an image is not blank', { skip }, async () => {
  for (const lang of ['en', 'ar'] as const) {
    const pgm = run('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '1', await pdfFile(lang)]);
    // Binary PGM: "P5", width, height, max value, then one byte a pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40));
    assert.ok(header, 'a PGM image');
    const [w, h] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    assert.equal(pixels.length, w * h);
    let ink = 0;
    for (const v of pixels) if (v < 200) ink++;
    // A page of text and tables inks several percent of its pixels at 30 dpi; a blank page none.
    assert.ok(ink / (w * h) > 0.02, `${lang}: ${ink} of ${w * h} pixels inked`);
  }
});

test('several reports print at once through the one browser', { skip }, async () => {
  const html = renderSitrepHtml(sitrepFixture(), 'en');
  const out = await Promise.all([1, 2, 3].map(() => renderPdf(html, { headerText: 'x' })));
  for (const pdf of out) assert.equal(Buffer.from(pdf.subarray(0, 5)).toString(), '%PDF-');
});

test('without Chromium a PDF answers 503 naming the Debian package', async () => {
  await assert.rejects(
    renderPdf('<p>x</p>', { chromiumPath: join(dir, 'no-such-chromium') }),
    (e: unknown) => e instanceof SeamError && e.status === 503 && e.message.includes('`chromium`'),
  );
});
