import { SeamError } from '../domain/errors.ts';
import type { SitrepLanguage } from '../domain/sitrep.ts';
import { renderSitrepHtml, renderSitrepMarkdown } from '../report/render.ts';
import type { SitrepRenderer } from '../service/sitrep-reads.ts';

interface PdfModule {
  renderPdf(html: string, options?: { chromiumPath?: string }): Promise<Uint8Array>;
}

// The PDF printer is loaded by path until it is part of this branch.
const pdfPath = '../report/pdf.ts';

async function loadPdf(): Promise<PdfModule> {
  try {
    return (await import(pdfPath)) as PdfModule;
  } catch {
    throw new SeamError('unavailable', 'PDF printing is not available in this build; HTML and Markdown are');
  }
}

/** The report layer's renderers as the SITREP service takes them, printing PDFs with the given Chromium. */
export async function sitrepRenderer(chromiumPath?: string): Promise<SitrepRenderer> {
  return {
    html: (s, lang: SitrepLanguage) => renderSitrepHtml(s, lang),
    markdown: (s, lang: SitrepLanguage) => renderSitrepMarkdown(s, lang),
    pdf: async (html) => (await loadPdf()).renderPdf(html, chromiumPath ? { chromiumPath } : undefined),
  };
}
