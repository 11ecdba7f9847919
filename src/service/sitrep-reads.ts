import { accessFacts } from '../access/facts.ts';
import { seeSitrep } from '../access/sitrep.ts';
import { SeamError } from '../domain/errors.ts';
import type { Sitrep, SitrepFormat, SitrepLanguage } from '../domain/sitrep.ts';
import type { SitrepCursor, SitrepFilter } from '../store/sitreps.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { type Page, visiblePage } from './paging.ts';

export type { SitrepCursor, SitrepFilter } from '../store/sitreps.ts';

/**
 * How a report is set in its formats (the report layer does it; the service stores what it gives).
 * HTML and Markdown are set at once; a PDF is printed (and may fail where no printer is installed).
 */
export interface SitrepRenderer {
  html(s: Sitrep, lang: SitrepLanguage): string;
  markdown(s: Sitrep, lang: SitrepLanguage): string;
  pdf(s: Sitrep, lang: SitrepLanguage): Promise<Uint8Array>;
}

/** One SITREP as the actor may see it; one it may not see (another organisation's draft) is reported as missing. */
export async function readSitrep(store: Store, actor: Actor, id: string): Promise<Sitrep> {
  const s = await store.sitreps.find(id);
  const seen = s && seeSitrep(actor, s, await accessFacts(store));
  if (!seen) throw new SeamError('not_found', `no SITREP ${id}`);
  return seen;
}

/** A page of the SITREPs the actor may see, newest first. */
export async function listSitreps(
  store: Store,
  actor: Actor,
  filter: Omit<SitrepFilter, 'draftsOf'>,
  after: SitrepCursor | null,
  limit: number,
): Promise<Page<Sitrep, SitrepCursor>> {
  const facts = await accessFacts(store);
  return visiblePage(
    (cursor, batch) => store.sitreps.query({ ...filter, draftsOf: actor.org }, cursor, batch),
    (s) => seeSitrep(actor, s, facts) !== null,
    (s) => ({ createdAt: s.createdAt, id: s.id }),
    after,
    limit,
  );
}

const textEncoder = new TextEncoder();

/** A report set in one format and language. */
export interface SitrepRendering {
  sitrep: Sitrep;
  body: Uint8Array;
}

/** Sets a report in one format and language. */
export async function renderSitrep(
  renderer: SitrepRenderer,
  s: Sitrep,
  format: SitrepFormat,
  lang: SitrepLanguage,
): Promise<Uint8Array> {
  if (format === 'html') return textEncoder.encode(renderer.html(s, lang));
  if (format === 'md') return textEncoder.encode(renderer.markdown(s, lang));
  return renderer.pdf(s, lang);
}

/**
 * A report in one format and language, as the actor may see it. A draft is set afresh on every
 * request. A released report is given exactly as stored: HTML and Markdown were stored at release,
 * a PDF is stored on its first request (the first stored wins), so the same bytes come back
 * whenever it is fetched again, whatever has changed since.
 */
export async function sitrepReport(
  store: Store,
  actor: Actor,
  id: string,
  format: SitrepFormat,
  lang: SitrepLanguage,
  renderer: SitrepRenderer,
): Promise<SitrepRendering> {
  const s = await readSitrep(store, actor, id);
  if (s.state === 'draft') return { sitrep: s, body: await renderSitrep(renderer, s, format, lang) };
  const kept = await store.sitreps.rendition(s.id, lang, format);
  if (kept) return { sitrep: s, body: kept };
  const body = await renderSitrep(renderer, s, format, lang);
  await store.write(null, (tx) => tx.sitreps.saveRendition(s.id, lang, format, body, tx.at));
  return { sitrep: s, body: (await store.sitreps.rendition(s.id, lang, format)) ?? body };
}
