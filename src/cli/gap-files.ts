import { readFileSync, statSync } from 'node:fs';
import { SeamError } from '../domain/errors.ts';
import type { Areal, LineString } from '../domain/geojson.ts';
import type { CoverageSource } from '../geo/coverage.ts';
import { checkCoverageItem } from '../geo/coverage-footprint.ts';
import { incidentsFromFeatures, type LooseFeature, presenceFromFeatures } from '../geo/gap-geojson.ts';
import type { GapIncident } from '../geo/gap-report.ts';

/** Files larger than this are refused before reading. */
export const maxGapFileBytes = 200 * 1024 * 1024;

/** A problem with an input file: exit 1, naming the file. */
export function fileError(file: string, reason: string): SeamError {
  return new SeamError('validation', `${file}: ${reason}`, [{ field: file, reason }]);
}

/** Re-throws a validation error raised while reading `file`'s content with the file named in front. */
function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SeamError) throw new SeamError(err.code, `${file}: ${err.message}`, err.issues);
    throw err;
  }
}

/** A file's JSON, refused (naming the file) when missing, too large or not JSON. */
export function readJsonFile(file: string, maxBytes = maxGapFileBytes): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > maxBytes)
      throw fileError(
        file,
        `is ${(size / 1024 / 1024).toFixed(0)} MB; files over ${maxBytes / 1024 / 1024} MB are refused`,
      );
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof SeamError) throw err;
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    throw fileError(file, `cannot be read (${why})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw fileError(file, `is not JSON (${(err as Error).message.replace(/\s+/g, ' ')})`);
  }
}

const geometryTypes = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** The features of a FeatureCollection or a lone Feature, or an error naming the file. */
function featuresOf(json: unknown, file: string): LooseFeature[] {
  const j = json as { type?: unknown; features?: unknown };
  if (j?.type === 'FeatureCollection') {
    if (!Array.isArray(j.features)) throw fileError(file, 'a FeatureCollection needs a "features" array');
    j.features.forEach((f, i) => {
      if ((f as { type?: unknown })?.type !== 'Feature')
        throw fileError(file, `features[${i}] is not a GeoJSON Feature`);
    });
    return j.features as LooseFeature[];
  }
  if (j?.type === 'Feature') return [j as LooseFeature];
  throw fileError(file, 'must be a GeoJSON FeatureCollection or Feature');
}

/** The one geometry of the wanted types in a FeatureCollection, a Feature or a bare geometry. */
function oneGeometry(json: unknown, file: string, types: string[], what: string): unknown {
  const j = json as { type?: unknown };
  if (typeof j?.type === 'string' && geometryTypes.has(j.type)) {
    if (!types.includes(j.type)) throw fileError(file, `is a ${j.type}; ${what}`);
    return j;
  }
  const features = featuresOf(json, file);
  if (features.length !== 1) throw fileError(file, `holds ${features.length} features; ${what}`);
  const g = features[0].geometry as { type?: unknown } | null;
  if (!g || typeof g.type !== 'string') throw fileError(file, `features[0] has no geometry; ${what}`);
  if (!types.includes(g.type)) throw fileError(file, `features[0] is a ${g.type}; ${what}`);
  return g;
}

/** The coordination line: a FeatureCollection with one LineString feature, a Feature, or a bare LineString. */
export function readLineFile(file: string): LineString {
  return oneGeometry(readJsonFile(file), file, ['LineString'], 'a line file holds one LineString') as LineString;
}

/** The zone: a FeatureCollection with one Polygon/MultiPolygon feature, a Feature, or a bare Polygon/MultiPolygon. */
export function readZoneFile(file: string): Areal {
  return oneGeometry(
    readJsonFile(file),
    file,
    ['Polygon', 'MultiPolygon'],
    'a zone file holds one Polygon or MultiPolygon',
  ) as Areal;
}

/** Presence records (the issue's file format), each checked, errors naming the file and the feature index. */
export function readPresenceFile(file: string): CoverageSource[] {
  const features = featuresOf(readJsonFile(file), file);
  return inFile(file, () => {
    const presence = presenceFromFeatures(features, 'presence');
    presence.forEach((p, i) => {
      checkCoverageItem(p, `presence[${i}]`);
    });
    return presence;
  });
}

/** Incidents: Point features with optional `weight`, `type`, `time`. */
export function readIncidentsFile(file: string): GapIncident[] {
  const features = featuresOf(readJsonFile(file), file);
  return inFile(file, () => incidentsFromFeatures(features, 'incidents'));
}

/** Areas of responsibility for the per-AOR breakdown: Polygon/MultiPolygon features with `properties.code`. */
export function readAorsFile(file: string): Array<{ code: string; aor: Areal }> {
  return featuresOf(readJsonFile(file), file).map((f, i) => {
    const code = f.properties?.code;
    if (!((typeof code === 'string' && code !== '') || typeof code === 'number'))
      throw fileError(file, `features[${i}].properties.code is required`);
    const g = f.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon')
      throw fileError(file, `features[${i}] must be a Polygon or MultiPolygon, got ${g?.type ?? 'no geometry'}`);
    return { code: String(code), aor: g as Areal };
  });
}

/**
 * Names the input file in front of a validation error of the analysis whose field points into it (`line`, `zone`,
 * `presence[3].radius_km`, `incidents[0].lon`, `aors[1].aor`); other errors pass unchanged.
 */
export function withFileNamed(
  err: unknown,
  files: Partial<Record<'line' | 'zone' | 'presence' | 'incidents' | 'aors', string>>,
): unknown {
  if (!(err instanceof SeamError)) return err;
  const field = err.issues[0]?.field ?? '';
  const key = /^(line|zone|presence|incidents|aors)\b/.exec(field)?.[1] as keyof typeof files | undefined;
  const file = key && files[key];
  return file ? new SeamError(err.code, `${file}: ${err.message}`, err.issues) : err;
}
