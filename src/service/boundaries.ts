import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  type AdminBoundary,
  type AdminBoundarySummary,
  type AdminLevel,
  isAdminLevel,
} from '../domain/admin-boundary.ts';
import { type FieldIssue, invalid, SeamError } from '../domain/errors.ts';
import {
  type BoundaryFields,
  codAbFields,
  type FeatureProblem,
  readBoundaryFeatures,
} from '../geo/boundary-features.ts';
import { areaKm2 } from '../geo/polygon-ops.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import { boundaryIndex } from './boundary-index.ts';

/** Where the boundaries come from: a file, or its text already read. */
export type BoundarySource = { path: string } | { text: string };

export interface ImportBoundaryOptions {
  level: number;
  nameField?: string;
  nameArField?: string;
  pcodeField?: string;
  parentField?: string;
  /** The user id to record as the actor (null for the local operator at the CLI). */
  actor?: string | null;
  /** Files larger than this are refused before reading (default 200 MB). */
  maxBytes?: number;
}

export interface ImportBoundaryResult {
  level: AdminLevel;
  imported: number;
  /** How many boundaries of this level the import replaced. */
  replaced: number;
}

export const defaultMaxBoundaryBytes = 200 * 1024 * 1024;
const problemsShown = 10;

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

async function readSource(source: BoundarySource, maxBytes: number): Promise<string> {
  const tooLarge = (bytes: number) =>
    new SeamError(
      'payload_too_large',
      `boundary file is ${size(bytes)}, over the ${size(maxBytes)} limit: simplify the polygons or split the file`,
    );
  if ('text' in source) {
    const bytes = Buffer.byteLength(source.text);
    if (bytes > maxBytes) throw tooLarge(bytes);
    return source.text;
  }
  let bytes: number;
  try {
    bytes = statSync(source.path).size;
  } catch (err) {
    throw new SeamError(
      'not_found',
      `cannot read boundary file ${source.path}: ${(err as NodeJS.ErrnoException).code}`,
    );
  }
  if (bytes > maxBytes) throw tooLarge(bytes);
  return readFile(source.path, 'utf8');
}

function describe(p: FeatureProblem): string {
  if (p.index === null) return `file ${p.problem}`;
  return `feature ${p.index}${p.pcode ? ` (${p.pcode})` : ''}: ${p.problem}`;
}

function problemsError(problems: FeatureProblem[]): SeamError {
  const lines = problems.slice(0, problemsShown).map(describe);
  if (problems.length > problemsShown) lines.push(`and ${problems.length - problemsShown} more`);
  const issues: FieldIssue[] = problems.map((p) => ({
    field: p.index === null ? 'file' : `features[${p.index}].${p.field}`,
    reason: p.problem,
  }));
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new SeamError('validation', `boundary file refused, nothing imported (${count}): ${lines.join('; ')}`, issues);
}

/**
 * Imports one level of administrative boundaries from a GeoJSON FeatureCollection (COD-AB property names
 * by default), replacing that level's boundaries in one transaction. Every feature is checked first; one
 * bad feature refuses the whole file, and nothing is written.
 */
export async function importBoundaries(
  store: Store,
  source: BoundarySource,
  options: ImportBoundaryOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportBoundaryResult> {
  const { level } = options;
  if (!isAdminLevel(level)) throw invalid('level', 'must be 1 (governorate), 2 (district) or 3 (sub-district)');
  const defaults = codAbFields(level);
  const fields: BoundaryFields = {
    name: options.nameField ?? defaults.name,
    nameAr: options.nameArField ?? defaults.nameAr,
    pcode: options.pcodeField ?? defaults.pcode,
    parent: options.parentField ?? defaults.parent,
  };
  const text = await readSource(source, options.maxBytes ?? defaultMaxBoundaryBytes);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SeamError(
      'validation',
      `boundary file refused, nothing imported: not valid JSON (${(err as Error).message})`,
      [{ field: 'file', reason: `not valid JSON: ${(err as Error).message}` }],
    );
  }
  const { drafts, problems } = readBoundaryFeatures(doc, fields);
  if (problems.length > 0) throw problemsError(problems);

  const total = drafts.length;
  const areas = drafts.map((d) => areaKm2(d.geometry));
  return store.write(options.actor ?? null, async (tx) => {
    const replaced = await tx.boundaries.deleteLevel(level);
    for (const [i, d] of drafts.entries()) {
      const boundary: AdminBoundary = { id: newId(), level, ...d, areaKm2: areas[i], createdAt: tx.at };
      await tx.boundaries.insert(boundary);
      onProgress?.(i + 1, total);
    }
    await tx.audit({
      action: 'boundaries.import',
      recordType: 'admin_boundary',
      detail: { level, imported: total, replaced, fields },
    });
    return { level, imported: total, replaced };
  });
}

/** Loaded boundaries without geometry, by level then name. */
export async function listAdminBoundaries(store: Store, level?: number): Promise<AdminBoundarySummary[]> {
  if (level !== undefined && !isAdminLevel(level)) throw invalid('level', 'must be 1, 2 or 3');
  return store.boundaries.summaries(level);
}

/** The governorate, district and sub-district containing a point (null where none is loaded or the point is outside). */
export interface BoundariesAt {
  governorate: AdminBoundarySummary | null;
  district: AdminBoundarySummary | null;
  subdistrict: AdminBoundarySummary | null;
}

function summary(b: AdminBoundary | null): AdminBoundarySummary | null {
  if (!b) return null;
  const { geometry: _, ...rest } = b;
  return rest;
}

/** Which administrative boundaries contain the lon/lat point, from the store's cached boundary index. */
export async function boundariesAt(store: Store, lon: number, lat: number): Promise<BoundariesAt> {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw invalid('lon', 'must be a number from -180 to 180');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw invalid('lat', 'must be a number from -90 to 90');
  const index = await boundaryIndex(store);
  return {
    governorate: summary(index.lookup(1).locate(lon, lat)),
    district: summary(index.lookup(2).locate(lon, lat)),
    subdistrict: summary(index.lookup(3).locate(lon, lat)),
  };
}
