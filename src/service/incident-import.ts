import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { noEnrichment } from '../domain/enrichment.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import type { Incident } from '../domain/incident.ts';
import { parseReleasability, type Releasability } from '../domain/releasability.ts';
import { importAcledAsync } from '../io/acled.ts';
import type { CsvImportOptions } from '../io/csv-incident-import.ts';
import { importGeoJsonIncidents } from '../io/geojson-incidents.ts';
import {
  collectRowsAsync,
  type ImportFormat,
  type IncidentDraft,
  importRefused,
  type RowError,
  type RowResult,
} from '../io/incident-draft.ts';
import { importKml } from '../io/kml.ts';
import { importUcdpGedAsync } from '../io/ucdp-ged.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { enrichmentContext } from './enrichment.ts';
import { writeIncidents } from './incidents.ts';

/** The largest file an import reads (GeoJSON and KML are read whole; CSV streams). */
export const maxImportBytes = 512 * 1024 * 1024;
/** The most CSV records an import reads, header included: an import is one transaction held in memory. */
export const maxImportRows = 2_000_000;
const futureToleranceMs = 15 * 60_000;

export interface ImportOptions {
  format: ImportFormat;
  /** The organisation that owns the imported records. */
  org: string;
  /** Who may see them; default: the organisation's default for incidents, else partners. */
  releasability?: string;
  /** Import the valid rows and report the rest, instead of refusing the whole file. */
  skipInvalid?: boolean;
  /** Mark every record as synthetic exercise data. */
  exercise?: boolean;
  /** The user running the import, for the change log and audit; null for the local operator. */
  actorId?: string | null;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  format: ImportFormat;
  read: number;
  imported: number;
  /** Rows whose source id was imported before (or appears twice in the file). */
  skipped: number;
  rejected: number;
  errors: RowError[];
  /** Optional columns of a CSV format the file lacks (read as empty); none for GeoJSON and KML. */
  absentColumns: string[];
}

async function* rowsOf(format: ImportFormat, path: string, csv: CsvImportOptions): AsyncGenerator<RowResult> {
  switch (format) {
    case 'ucdp-ged':
      yield* importUcdpGedAsync(createReadStream(path), csv);
      return;
    case 'acled':
      yield* importAcledAsync(createReadStream(path), csv);
      return;
    case 'geojson':
      yield* importGeoJsonIncidents(await readFile(path, 'utf8'));
      return;
    case 'kml':
      yield* importKml(await readFile(path, 'utf8'));
      return;
  }
}

/** Row problems the parsers cannot know: a time in the future, casualties of an unknown organisation. */
function siteChecks(d: IncidentDraft, now: number, orgs: Set<string>): RowError | null {
  const where = d.index !== undefined ? `${d.format === 'kml' ? 'placemark' : 'feature'} ${d.index}` : `line ${d.line}`;
  if (Date.parse(d.time) > now + futureToleranceMs)
    return { line: d.line, index: d.index, where, field: 'time', reason: 'lies in the future' };
  const unknown = d.casualties.forces.find((f) => !orgs.has(f.org));
  if (unknown)
    return { line: d.line, index: d.index, where, field: 'casualties', reason: `no organisation "${unknown.org}"` };
  return null;
}

/**
 * Imports incidents from a file: parsed, checked, enriched and written through the one write path
 * in a single transaction, so a refused file leaves the database exactly as it was. Rows whose
 * source id is already stored are skipped, which makes importing the same file twice a no-op.
 */
export async function importIncidents(store: Store, path: string, options: ImportOptions): Promise<ImportSummary> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new SeamError('not_found', `cannot read ${path}`);
  }
  if (size > maxImportBytes)
    throw new SeamError('payload_too_large', `${path} is larger than ${maxImportBytes / 1024 / 1024} MiB`);
  const orgs = new Set((await store.organisations.list()).map((o) => o.code));
  if (!orgs.has(options.org)) throw invalid('org', `no organisation "${options.org}"`);
  const releasability: Releasability = options.releasability
    ? parseReleasability(options.releasability)
    : ((await store.releasabilityDefaults.find(options.org, 'incident')) ?? { scope: 'partners' });

  const absentColumns: string[] = [];
  const csv: CsvImportOptions = {
    maxRecords: maxImportRows,
    onHeader: (h) => absentColumns.push(...h.absentOptional),
  };
  const parsed = await collectRowsAsync(rowsOf(options.format, path, csv));
  const now = store.now().getTime();
  const errors = [...parsed.errors];
  const drafts: IncidentDraft[] = [];
  for (const d of parsed.drafts) {
    const problem = siteChecks(d, now, orgs);
    if (problem) errors.push(problem);
    else drafts.push(d);
  }
  errors.sort((a, b) => a.line - b.line || (a.index ?? 0) - (b.index ?? 0));
  if (parsed.fatal || (errors.length > 0 && !options.skipInvalid)) throw importRefused(errors);

  const source = options.format;
  const summary: ImportSummary = {
    format: source,
    read: parsed.drafts.length + parsed.errors.length,
    imported: 0,
    skipped: 0,
    rejected: errors.length,
    errors,
    absentColumns,
  };
  const context = { enrichment: await enrichmentContext(store) };
  await store.write(options.actorId ?? null, async (tx) => {
    const seen = new Set<string>();
    let batch: Incident[] = [];
    // Written through the create command's write step (enrichment, duplicate check, record,
    // change log, audit) in slices, so progress can be reported as it goes.
    const flush = async () => {
      await writeIncidents(tx, context, batch);
      summary.imported += batch.length;
      batch = [];
    };
    for (const [n, d] of drafts.entries()) {
      if (seen.has(d.sourceId) || (await tx.incidents.existsFromSource(source, d.sourceId))) {
        summary.skipped++;
      } else {
        seen.add(d.sourceId);
        const base: Incident = {
          id: newId(),
          type: d.type,
          time: d.time,
          timePrecision: d.timePrecision,
          lon: d.lon,
          lat: d.lat,
          locationPrecision: d.locationPrecision,
          place: d.place,
          narrative: d.narrative,
          casualties: d.casualties,
          grading: d.grading,
          releasability,
          tearline: null,
          verification: 'reported',
          review: null,
          duplicateOf: null,
          ownerOrg: options.org,
          reporterId: options.actorId ?? null,
          jcc: null,
          enrichment: noEnrichment,
          source,
          sourceId: d.sourceId,
          exercise: d.exercise || (options.exercise ?? false),
          createdAt: tx.at,
          updatedAt: tx.at,
          version: 1,
        };
        batch.push(base);
      }
      if (n % 1000 === 999) {
        await flush();
        options.onProgress?.(n + 1, drafts.length);
      }
    }
    await flush();
    await tx.audit({
      action: 'incidents.import',
      detail: {
        format: source,
        org: options.org,
        imported: summary.imported,
        skipped: summary.skipped,
        rejected: summary.rejected,
        absent_columns: absentColumns,
      },
    });
  });
  options.onProgress?.(drafts.length, drafts.length);
  return summary;
}
