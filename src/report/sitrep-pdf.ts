import type { Sitrep, SitrepLanguage } from '../domain/sitrep.ts';
import { documentHtml } from './html.ts';
import { labelsFor } from './labels.ts';
import { renderPdf } from './pdf.ts';
import { sitrepDocument } from './sitrep-document.ts';

/** A SITREP as an A4 PDF in the given language, its audience printed at the top and bottom of every page. */
export function renderSitrepPdf(
  s: Sitrep,
  lang: SitrepLanguage,
  options: { chromiumPath?: string } = {},
): Promise<Uint8Array> {
  const d = sitrepDocument(s, lang);
  const L = labelsFor(lang);
  const headerText = d.draft ? `${d.draft} — ${d.audienceLine}` : d.audienceLine;
  return renderPdf(documentHtml(d), { ...options, headerText, dir: d.dir, pageWords: { page: L.page, of: L.of } });
}
