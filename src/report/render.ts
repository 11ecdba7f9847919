import type { Sitrep, SitrepLanguage } from '../domain/sitrep.ts';
import { documentHtml } from './html.ts';
import { documentMarkdown } from './markdown.ts';
import { sitrepDocument } from './sitrep-document.ts';

/** A SITREP as one self-contained, printable HTML document in the given language (no fetches, no script). */
export function renderSitrepHtml(s: Sitrep, lang: SitrepLanguage): string {
  return documentHtml(sitrepDocument(s, lang));
}

/** A SITREP as Markdown in the given language, with the same content as its HTML. */
export function renderSitrepMarkdown(s: Sitrep, lang: SitrepLanguage): string {
  return documentMarkdown(sitrepDocument(s, lang));
}
