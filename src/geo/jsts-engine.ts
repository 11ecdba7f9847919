/**
 * The typed bridge to jsts (a JavaScript port of JTS), the planar geometry engine behind buffers and overlays.
 * Everything here works on GeoJSON-shaped geometries whose coordinates are planar metres (already projected);
 * callers project from and back to WGS84. jsts ships loose `any` declarations, so each import is narrowed here.
 */
import Flatbush from 'flatbush';
import InteriorPointAreaJs from 'jsts/org/locationtech/jts/algorithm/InteriorPointArea.js';
import CoordinateJs from 'jsts/org/locationtech/jts/geom/Coordinate.js';
import GeometryFactoryJs from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import BufferOpJs from 'jsts/org/locationtech/jts/operation/buffer/BufferOp.js';
import SnapIfNeededOverlayOpJs from 'jsts/org/locationtech/jts/operation/overlay/snap/SnapIfNeededOverlayOp.js';
import PolygonizerJs from 'jsts/org/locationtech/jts/operation/polygonize/Polygonizer.js';
import UnaryUnionOpJs from 'jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js';
import type { Areal, Geometry, LineString, Polygon, Position } from '../domain/geojson.ts';
import { pointInAreal } from './point-in-polygon.ts';

interface JstsCoordinate {
  x: number;
  y: number;
}
interface JstsGeometry {
  getGeometryType(): string;
  getNumGeometries(): number;
  getGeometryN(n: number): JstsGeometry;
  getBoundary(): JstsGeometry;
  isEmpty(): boolean;
}
interface JstsPolygon extends JstsGeometry {
  getExteriorRing(): { getCoordinates(): JstsCoordinate[] };
  getNumInteriorRing(): number;
  getInteriorRingN(n: number): { getCoordinates(): JstsCoordinate[] };
}
type JstsRing = JstsGeometry & { readonly ring: unique symbol };
interface JstsFactory {
  createPoint(c: JstsCoordinate): JstsGeometry;
  createLineString(cs: JstsCoordinate[]): JstsGeometry;
  createLinearRing(cs: JstsCoordinate[]): JstsRing;
  createPolygon(shell: JstsRing, holes: JstsRing[]): JstsGeometry;
  createMultiPolygon(polygons: JstsGeometry[]): JstsGeometry;
  createGeometryCollection(geometries: JstsGeometry[]): JstsGeometry;
}
interface JstsCollection<T> {
  toArray(): T[];
}

const Coordinate = CoordinateJs as unknown as new (x: number, y: number) => JstsCoordinate;
const factory = new (GeometryFactoryJs as unknown as new () => JstsFactory)();
const BufferOp = BufferOpJs as unknown as {
  bufferOp(g: JstsGeometry, distance: number, quadrantSegments: number): JstsGeometry;
};
const Overlay = SnapIfNeededOverlayOpJs as unknown as Record<
  'intersection' | 'union' | 'difference',
  (a: JstsGeometry, b: JstsGeometry) => JstsGeometry
>;
const UnaryUnionOp = UnaryUnionOpJs as unknown as { union(g: JstsGeometry): JstsGeometry };
const Polygonizer = PolygonizerJs as unknown as new () => {
  add(g: JstsGeometry): void;
  getPolygons(): JstsCollection<JstsGeometry>;
};
const InteriorPointArea = InteriorPointAreaJs as unknown as {
  getInteriorPoint(g: JstsGeometry): { x: number; y: number };
};

const coordinate = (p: Position) => new Coordinate(p[0], p[1]);
const polygon = (rings: Position[][]) =>
  factory.createPolygon(
    factory.createLinearRing(rings[0].map(coordinate)),
    rings.slice(1).map((r) => factory.createLinearRing(r.map(coordinate))),
  );

/** Builds the jsts geometry of a planar GeoJSON geometry. */
function read(g: Geometry): JstsGeometry {
  switch (g.type) {
    case 'Point':
      return factory.createPoint(coordinate(g.coordinates));
    case 'LineString':
      return factory.createLineString(g.coordinates.map(coordinate));
    case 'Polygon':
      return polygon(g.coordinates);
    case 'MultiPolygon':
      return factory.createMultiPolygon(g.coordinates.map(polygon));
  }
  throw new TypeError('unknown geometry type');
}

/** The rings of a jsts polygon as GeoJSON positions. */
function write(p: JstsPolygon): Position[][] {
  const ring = (cs: JstsCoordinate[]) => cs.map((c): Position => [c.x, c.y]);
  const rings = [ring(p.getExteriorRing().getCoordinates())];
  for (let i = 0; i < p.getNumInteriorRing(); i++) rings.push(ring(p.getInteriorRingN(i).getCoordinates()));
  return rings;
}

/** Collects the polygons of any jsts result (collections may mix in lines and points where inputs touch). */
function polygonsOf(g: JstsGeometry, out: Position[][][] = []): Position[][][] {
  const type = g.getGeometryType();
  if (type === 'Polygon') {
    if (!g.isEmpty()) out.push(rewind(write(g as JstsPolygon)));
  } else if (type === 'MultiPolygon' || type === 'GeometryCollection') {
    for (let i = 0; i < g.getNumGeometries(); i++) polygonsOf(g.getGeometryN(i), out);
  }
  return out;
}

/** A Polygon when there is one part, otherwise a MultiPolygon (with no parts when empty). */
function toAreal(polygons: Position[][][]): Areal {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** RFC 7946 winding: exterior rings counter-clockwise, holes clockwise (jsts writes the opposite). */
function rewind(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const ccw = signedArea(ring) > 0;
    return ccw === (i === 0) ? ring : [...ring].reverse();
  });
}

/** Planar buffer of a geometry by a distance in its own units, with round caps and joins. */
export function planarBuffer(g: Geometry, distance: number, quadrantSegments = 16): Areal {
  return toAreal(polygonsOf(BufferOp.bufferOp(read(g), distance, quadrantSegments)));
}

/** Planar intersection, union or difference of two areal geometries; only the areal part of the result is kept. */
export function planarOverlay(op: 'intersection' | 'union' | 'difference', a: Areal, b: Areal): Areal {
  return toAreal(polygonsOf(Overlay[op](read(a), read(b))));
}

/** Planar union of many areal geometries at once (cascaded, much faster than pairwise). */
export function planarUnionAll(geometries: Areal[]): Areal {
  if (geometries.length === 0) return toAreal([]);
  return toAreal(polygonsOf(UnaryUnionOp.union(factory.createGeometryCollection(geometries.map(read)))));
}

/** The lowest vertex of a ring (leftmost among equals). */
function lowest(ring: Position[]): Position {
  let best = ring[0];
  for (const p of ring) if (p[1] < best[1] || (p[1] === best[1] && p[0] < best[0])) best = p;
  return best;
}

/**
 * Planar union of many valid areal geometries (footprints): the parts are grouped into clusters whose bounding boxes
 * chain together, each cluster of several parts is unioned by a zero-distance buffer (one noding pass over its edges
 * instead of a cascade of pairwise overlays; a lone part is kept as it is), and the polygons come out ordered by
 * their lowest vertex (then leftmost), a stable order whatever the cascade would have given. Clustering also keeps the buffer's
 * depth search (a ray against every other connected part) local. Several times faster than `planarUnionAll` on
 * hundreds of footprints. Inputs must be valid (a zero buffer drops the wrong side of a self-crossing ring).
 */
export function planarUnionValid(geometries: Areal[]): Areal {
  const parts = geometries.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates));
  if (parts.length === 0) return toAreal([]);
  const boxes = parts.map((rings) => {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of rings[0]) {
      if (x < w) w = x;
      if (y < s) s = y;
      if (x > e) e = x;
      if (y > n) n = y;
    }
    return [w, s, e, n];
  });
  const index = new Flatbush(parts.length);
  for (const [w, s, e, n] of boxes) index.add(w, s, e, n);
  index.finish();
  const parent = parts.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  boxes.forEach(([w, s, e, n], i) => {
    for (const j of index.search(w, s, e, n)) parent[root(j)] = root(i);
  });
  const clusters = new Map<number, Position[][][]>();
  parts.forEach((rings, i) => {
    const r = root(i);
    const list = clusters.get(r);
    if (list) list.push(rings);
    else clusters.set(r, [rings]);
  });
  const out: Position[][][] = [];
  for (const list of clusters.values()) {
    if (list.length === 1) out.push(rewind(list[0]));
    else polygonsOf(BufferOp.bufferOp(factory.createMultiPolygon(list.map(polygon)), 0, 1), out);
  }
  const key = out.map((rings) => lowest(rings[0]));
  const order = out.map((_, i) => i).sort((i, j) => key[i][1] - key[j][1] || key[i][0] - key[j][0]);
  return toAreal(order.map((i) => out[i]));
}

/**
 * Splits a planar areal geometry along cut lines into the faces they form inside it.
 * Cuts should cross the geometry; parts of cuts outside it are ignored.
 */
export function planarSplit(areal: Areal, cuts: LineString[]): Polygon[] {
  const linework = [read(areal).getBoundary(), ...cuts.map(read)];
  const noded = UnaryUnionOp.union(factory.createGeometryCollection(linework));
  const polygonizer = new Polygonizer();
  polygonizer.add(noded);
  const faces: Polygon[] = [];
  for (const face of polygonizer.getPolygons().toArray()) {
    const p = InteriorPointArea.getInteriorPoint(face);
    if (pointInAreal([p.x, p.y], areal))
      faces.push({ type: 'Polygon', coordinates: rewind(write(face as JstsPolygon)) });
  }
  return faces;
}
