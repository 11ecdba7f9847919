import type { Sitrep, SitrepLanguage } from '../domain/sitrep.ts';
import type { SitrepRenderer } from '../service/sitrep-reads.ts';

interface ReportModules {
  render: {
    renderSitrepHtml(s: Sitrep, lang: SitrepLanguage): string;
    renderSitrepMarkdown(s: Sitrep, lang: SitrepLanguage): string;
  };
  pdf: { renderPdf(html: string, options?: { chromiumPath?: string }): Promise<Uint8Array> };
}

// The report layer is loaded by path until it is part of this branch.
const renderPath = '../report/render.ts';
const pdfPath = '../report/pdf.ts';

/** The report layer's renderers as the SITREP service takes them, printing PDFs with the given Chromium. */
export async function sitrepRenderer(chromiumPath?: string): Promise<SitrepRenderer> {
  const modules: ReportModules = {
    render: await import(renderPath),
    pdf: await import(pdfPath),
  };
  return {
    html: (s, lang) => modules.render.renderSitrepHtml(s, lang),
    markdown: (s, lang) => modules.render.renderSitrepMarkdown(s, lang),
    pdf: (html) => modules.pdf.renderPdf(html, chromiumPath ? { chromiumPath } : undefined),
  };
}
