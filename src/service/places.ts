import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type FieldIssue, SeamError } from '../domain/errors.ts';
import type { Place } from '../domain/place.ts';
import { type PlaceProblem, readPlaceFeatures } from '../geo/place-features.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';

/** Where the places come from: a file, or its text already read. */
export type PlaceSource = { path: string } | { text: string };

export interface ImportPlacesResult {
  imported: number;
  /** How many places the import replaced. */
  replaced: number;
}

export const maxPlaceFileBytes = 20 * 1024 * 1024;
const problemsShown = 10;

async function readSource(source: PlaceSource): Promise<string> {
  const tooLarge = (bytes: number) =>
    new SeamError(
      'payload_too_large',
      `place file is ${Math.ceil(bytes / 1024)} KB, over the ${maxPlaceFileBytes / 1024 / 1024} MB limit`,
    );
  if ('text' in source) {
    const bytes = Buffer.byteLength(source.text);
    if (bytes > maxPlaceFileBytes) throw tooLarge(bytes);
    return source.text;
  }
  let bytes: number;
  try {
    bytes = statSync(source.path).size;
  } catch (err) {
    throw new SeamError('not_found', `cannot read place file ${source.path}: ${(err as NodeJS.ErrnoException).code}`);
  }
  if (bytes > maxPlaceFileBytes) throw tooLarge(bytes);
  return readFile(source.path, 'utf8');
}

function describe(p: PlaceProblem): string {
  if (p.index === null) return `${p.field} ${p.problem}`;
  return `feature ${p.index}${p.name ? ` (${p.name})` : ''}: ${p.field} ${p.problem}`;
}

function refused(problems: PlaceProblem[]): SeamError {
  const lines = problems.slice(0, problemsShown).map(describe);
  if (problems.length > problemsShown) lines.push(`and ${problems.length - problemsShown} more`);
  const issues: FieldIssue[] = problems.map((p) => ({
    field: p.index === null ? p.field : `features[${p.index}].${p.field}`,
    reason: p.problem,
  }));
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new SeamError('validation', `place file refused, nothing imported (${count}): ${lines.join('; ')}`, issues);
}

/**
 * Replaces the site's gazetteer of populated places with those of a GeoJSON file, in one transaction. Every feature
 * is checked first; one bad feature refuses the whole file and nothing is written.
 */
export async function importPlaces(
  store: Store,
  source: PlaceSource,
  actor: string | null = null,
): Promise<ImportPlacesResult> {
  const text = await readSource(source);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw refused([
      { index: null, name: null, field: 'file', problem: `is not valid JSON (${(err as Error).message})` },
    ]);
  }
  const { drafts, problems } = readPlaceFeatures(doc);
  if (problems.length > 0) throw refused(problems);
  return store.write(actor, async (tx) => {
    const replaced = await tx.places.deleteAll();
    for (const d of drafts) await tx.places.insert({ id: newId(), ...d, createdAt: tx.at });
    await tx.audit({ action: 'places.import', recordType: 'place', detail: { imported: drafts.length, replaced } });
    return { imported: drafts.length, replaced };
  });
}

/** Every place of the gazetteer, most prominent first. */
export function listGazetteerPlaces(store: Store): Promise<Place[]> {
  return store.places.list();
}

/** Changes whenever the gazetteer does, in this process or another one writing to the same database. */
export function placesVersion(store: Store): Promise<number> {
  return store.changeLog.lastSeqOf(['place']);
}
