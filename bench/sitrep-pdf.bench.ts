// Rendering the fixture SITREP (test/harness/sitrep-fixture.ts) to PDF with Debian's Chromium, in
// English and Arabic, against rendering its HTML in the same run. The browser is launched once before
// timing (it is shared by every call in a running server), so the figure is a warm print: page,
// layout, fonts and PDF writing. The goal is a PDF in 3 s or less.
import { existsSync } from 'node:fs';
import { chromiumExecutable, closePdfRenderer } from '../src/report/pdf.ts';
import { renderSitrepHtml } from '../src/report/render.ts';
import { renderSitrepPdf } from '../src/report/sitrep-pdf.ts';
import { sitrepFixture } from '../test/harness/sitrep-fixture.ts';
import { emit, median, time, timeAsync } from './harness.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const report = sitrepFixture();

if (!existsSync(chromiumExecutable())) {
  for (const lang of ['en', 'ar'])
    emit({
      bench: `sitrep-pdf-${lang}`,
      value: null,
      unit: 'ms',
      baseline: null,
      ratio: null,
      skipped: 'Chromium is not installed (Debian package `chromium`)',
    });
  process.exit(0);
}

await renderSitrepPdf(report, 'en'); // launch the shared browser outside the timing
for (const lang of ['en', 'ar'] as const) {
  const html: number[] = [];
  const pdf: number[] = [];
  for (let i = 0; i < rounds; i++) {
    html.push(time(() => renderSitrepHtml(report, lang)));
    pdf.push(await timeAsync(() => renderSitrepPdf(report, lang)));
  }
  const value = median(pdf) * 1000;
  const baseline = median(html) * 1000;
  emit({
    bench: `sitrep-pdf-${lang}`,
    value: Math.round(value * 10) / 10,
    unit: 'ms',
    baseline: Math.round(baseline * 1000) / 1000,
    ratio: Math.round(value / baseline),
    rounds,
    goal_ms: 3000,
  });
}
await closePdfRenderer();
