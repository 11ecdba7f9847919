import type { Areal, LineString, Polygon, Position } from '../domain/geojson.ts';
import { planarOverlay, planarSplit, planarUnionAll } from './jsts-engine.ts';
import { mapPositions, type Projection, projectionFor } from './projection.ts';

const empty: Areal = { type: 'MultiPolygon', coordinates: [] };

function isEmpty(g: Areal): boolean {
  return g.coordinates.length === 0;
}

/** Runs a planar operation in the equal-area projection centred on all its non-empty inputs. */
function projected<T>(inputs: Areal[], run: (p: Projection) => T): T {
  return run(projectionFor(...inputs.filter((g) => !isEmpty(g))));
}

/** Intersection of two WGS84 areal geometries (empty MultiPolygon when they do not overlap). */
export function intersection(a: Areal, b: Areal): Areal {
  if (isEmpty(a) || isEmpty(b)) return empty;
  return projected([a, b], (p) =>
    mapPositions(planarOverlay('intersection', mapPositions(a, p.forward), mapPositions(b, p.forward)), p.inverse),
  );
}

/** Union of two WGS84 areal geometries. */
export function union(a: Areal, b: Areal): Areal {
  return unionAll([a, b]);
}

/** Union of any number of WGS84 areal geometries in one cascaded operation. */
export function unionAll(geometries: Areal[]): Areal {
  const parts = geometries.filter((g) => !isEmpty(g));
  if (parts.length === 0) return empty;
  return projected(parts, (p) => mapPositions(planarUnionAll(parts.map((g) => mapPositions(g, p.forward))), p.inverse));
}

/** The part of WGS84 areal `a` outside `b`. */
export function difference(a: Areal, b: Areal): Areal {
  if (isEmpty(a)) return empty;
  if (isEmpty(b)) return a;
  return projected([a, b], (p) =>
    mapPositions(planarOverlay('difference', mapPositions(a, p.forward), mapPositions(b, p.forward)), p.inverse),
  );
}

/** Splits a WGS84 areal geometry along cut lines into the faces they form inside it (parts of cuts outside are ignored). */
export function splitAreal(areal: Areal, cuts: LineString[]): Polygon[] {
  if (isEmpty(areal)) return [];
  return projected([areal], (p) =>
    planarSplit(
      mapPositions(areal, p.forward),
      cuts.map((c) => mapPositions(c, p.forward)),
    ).map((face) => mapPositions(face, p.inverse)),
  );
}

function ringAreaM2(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return Math.abs(s / 2);
}

/** Area in km² of a WGS84 Polygon or MultiPolygon, measured in the equal-area projection centred on it. */
export function areaKm2(g: Areal): number {
  if (isEmpty(g)) return 0;
  const planar = mapPositions(g, projectionFor(g).forward);
  const polygons = planar.type === 'Polygon' ? [planar.coordinates] : planar.coordinates;
  let m2 = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      m2 += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
    });
  }
  return m2 / 1e6;
}
