import { renderSitrepHtml, renderSitrepMarkdown } from '../report/render.ts';
import type { SitrepRenderer } from '../service/sitrep-reads.ts';

// The PDF printer (a browser driver) is loaded on the first PDF: a server that prints none starts without it.
let printer: Promise<{ pdf: typeof import('../report/sitrep-pdf.ts'); close: () => Promise<void> }> | null = null;
function loadPrinter() {
  printer ??= Promise.all([import('../report/sitrep-pdf.ts'), import('../report/pdf.ts')]).then(([pdf, browser]) => ({
    pdf,
    close: browser.closePdfRenderer,
  }));
  return printer;
}

/** The report layer's renderers as the SITREP service takes them, printing PDFs with the given Chromium. */
export function sitrepRenderer(chromiumPath?: string | null): SitrepRenderer {
  const options = chromiumPath ? { chromiumPath } : {};
  return {
    html: renderSitrepHtml,
    markdown: renderSitrepMarkdown,
    pdf: async (s, lang) => (await loadPrinter()).pdf.renderSitrepPdf(s, lang, options),
  };
}

/** Closes the browser PDFs are printed with, if one was launched (at shutdown). */
export async function closeSitrepPrinter(): Promise<void> {
  if (printer) await (await printer).close();
}
