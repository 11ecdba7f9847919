import type { Areal, Position } from '../domain/geojson.ts';

/** Which feature properties hold a boundary's names, place code and parent's place code. */
export interface BoundaryFields {
  name: string;
  nameAr: string;
  pcode: string;
  parent: string;
}

/** A boundary as read from a file, before it gets an id. */
export interface BoundaryDraft {
  pcode: string;
  name: string;
  nameAr: string | null;
  parentPcode: string | null;
  geometry: Areal;
}

/** What is wrong with one feature (index counts from 0 in the file's `features` array), or with the file (index null). */
export interface FeatureProblem {
  index: number | null;
  pcode: string | null;
  field: string;
  problem: string;
}

/** The property names of OCHA's common operational datasets (COD-AB) for a level: ADM{n}_EN, _AR, _PCODE, parent ADM{n-1}_PCODE. */
export function codAbFields(level: number): BoundaryFields {
  return {
    name: `ADM${level}_EN`,
    nameAr: `ADM${level}_AR`,
    pcode: `ADM${level}_PCODE`,
    parent: `ADM${level - 1}_PCODE`,
  };
}

const maxTextLength = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A property as trimmed text (numbers accepted for codes), or null when absent or blank. */
function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** Checks one ring and returns it as lon/lat pairs (any third ordinate dropped), or the reason it is unusable. */
function readRing(ring: unknown, where: string): Position[] | string {
  if (!Array.isArray(ring)) return `${where} is not an array of positions`;
  if (ring.length < 4) return `${where} has ${ring.length} positions; a ring needs at least 4`;
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      return `${where} position ${i} is not [lon, lat]`;
    }
    const [lon, lat] = p;
    if (!Number.isFinite(lon) || lon < -180 || lon > 180)
      return `${where} position ${i}: longitude ${lon} out of range`;
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) return `${where} position ${i}: latitude ${lat} out of range`;
    out.push([lon, lat]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return `${where} is not closed (first position ${first.join(',')}, last ${last.join(',')})`;
  }
  return out;
}

/** `which` is '' for a Polygon, 'polygon N ' for a part of a MultiPolygon. */
function readPolygon(rings: unknown, which: string): Position[][] | string {
  if (!Array.isArray(rings) || rings.length === 0) return `${which || 'polygon '}has no rings`;
  const out: Position[][] = [];
  for (let i = 0; i < rings.length; i++) {
    const ring = readRing(rings[i], `${which}ring ${i}`);
    if (typeof ring === 'string') return ring;
    out.push(ring);
  }
  return out;
}

/** The geometry as a clean Polygon or MultiPolygon, or the reason it is refused. */
function readGeometry(g: unknown): Areal | string {
  if (!isRecord(g)) return 'has no geometry';
  if (g.type === 'Polygon') {
    const rings = readPolygon(g.coordinates, '');
    return typeof rings === 'string' ? rings : { type: 'Polygon', coordinates: rings };
  }
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'MultiPolygon has no polygons';
    const polygons: Position[][][] = [];
    for (let i = 0; i < g.coordinates.length; i++) {
      const rings = readPolygon(g.coordinates[i], `polygon ${i} `);
      if (typeof rings === 'string') return rings;
      polygons.push(rings);
    }
    return { type: 'MultiPolygon', coordinates: polygons };
  }
  return `geometry is ${typeof g.type === 'string' ? g.type : 'of no type'}, expected Polygon or MultiPolygon`;
}

/** True when a GeoJSON `crs` member, if any, names WGS84 lon/lat (RFC 7946 has no other). */
function isWgs84(crs: unknown): boolean {
  if (crs === undefined || crs === null) return true;
  const name = isRecord(crs) && isRecord(crs.properties) ? crs.properties.name : undefined;
  return typeof name === 'string' && /CRS84|EPSG:+4326$/i.test(name);
}

/**
 * Reads boundaries from a parsed GeoJSON FeatureCollection, checking every feature (names, place code,
 * duplicate place codes, geometry type, ranges, closed rings): all drafts when there are no problems, else every problem.
 */
export function readBoundaryFeatures(
  doc: unknown,
  fields: BoundaryFields,
): { drafts: BoundaryDraft[]; problems: FeatureProblem[] } {
  const fileProblem = (problem: string) => ({
    drafts: [],
    problems: [{ index: null, pcode: null, field: 'file', problem }],
  });
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return fileProblem('is not a GeoJSON FeatureCollection');
  }
  if (!isWgs84(doc.crs)) return fileProblem('uses a coordinate reference system other than WGS84 lon/lat (CRS84)');
  if (doc.features.length === 0) return fileProblem('has no features');
  const drafts: BoundaryDraft[] = [];
  const problems: FeatureProblem[] = [];
  const seen = new Map<string, number>();
  doc.features.forEach((f: unknown, index: number) => {
    const props = isRecord(f) && isRecord(f.properties) ? f.properties : {};
    const pcode = text(props[fields.pcode]);
    const report = (field: string, problem: string): void => {
      problems.push({ index, pcode, field, problem });
    };
    if (!isRecord(f) || f.type !== 'Feature') {
      report('feature', 'is not a GeoJSON Feature');
      return;
    }
    const name = text(props[fields.name]);
    const before = problems.length;
    if (pcode === null) report(fields.pcode, `has no place code (property ${fields.pcode})`);
    else if (pcode.length > maxTextLength) report(fields.pcode, `place code is over ${maxTextLength} characters`);
    else if (seen.has(pcode)) report(fields.pcode, `place code ${pcode} is also used by feature ${seen.get(pcode)}`);
    else seen.set(pcode, index);
    if (name === null) report(fields.name, `has no name (property ${fields.name})`);
    else if (name.length > maxTextLength) report(fields.name, `name is over ${maxTextLength} characters`);
    const geometry = readGeometry(f.geometry);
    if (typeof geometry === 'string') report('geometry', geometry);
    if (problems.length > before || pcode === null || name === null || typeof geometry === 'string') return;
    const nameAr = text(props[fields.nameAr]);
    drafts.push({
      pcode,
      name,
      nameAr: nameAr && nameAr.length <= maxTextLength ? nameAr : null,
      parentPcode: text(props[fields.parent]),
      geometry,
    });
  });
  return problems.length > 0 ? { drafts: [], problems } : { drafts, problems };
}
