import type { Role } from '../../domain/roles.ts';
import type { SitrepFormat, SitrepLanguage, SitrepState } from '../../domain/sitrep.ts';
import { sitrepLanguages } from '../../domain/sitrep.ts';
import { query } from '../api/client.ts';
import type { SitrepSummary } from './sitrep-types.ts';

/** The roles that draft, edit and release reports, as the server's rule for SITREPs (service/sitreps.ts) names them. */
export const reportWriterRoles: readonly Role[] = ['analyst', 'admin'];

/** True when one of the roles drafts, edits and releases reports. */
export function mayWriteReports(roles: readonly Role[]): boolean {
  return roles.some((r) => reportWriterRoles.includes(r));
}

/** The report's language for an interface language: the same, or English for one the reports do not speak. */
export function reportLanguage(uiLanguage: string): SitrepLanguage {
  return (sitrepLanguages as readonly string[]).includes(uiLanguage) ? (uiLanguage as SitrepLanguage) : 'en';
}

/** The address of a report's rendering in a format and language; `download` asks for it as a file. */
export function reportUrl(id: string, format: SitrepFormat, lang: SitrepLanguage, download = false): string {
  return `/api/v1/sitreps/${encodeURIComponent(id)}/report${query({ format, lang, download: download ? 1 : undefined })}`;
}

/** The list's filters: a JCC and a state, or any. */
export interface SitrepFilters {
  jcc: string;
  state: '' | SitrepState;
}

/** True when the report is one the filters let through. */
export function matchesFilters(s: SitrepSummary, f: SitrepFilters): boolean {
  return (f.jcc === '' || s.jcc === f.jcc) && (f.state === '' || s.state === f.state);
}

/** The newer of two versions of one report (the list and the stream may both carry one). */
export function newerSitrep<T extends SitrepSummary>(known: T | undefined, incoming: T): T {
  return known && known.version > incoming.version ? known : incoming;
}

/** Newest first: by creation time, then by id (time-ordered) for reports created in the same millisecond. */
export function newestFirst(a: SitrepSummary, b: SitrepSummary): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
