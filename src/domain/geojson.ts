/** Minimal GeoJSON geometry types (RFC 7946), WGS84 lon/lat. */
export type Position = [number, number];
export interface Point {
  type: 'Point';
  coordinates: Position;
}
export interface LineString {
  type: 'LineString';
  coordinates: Position[];
}
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Geometry = Point | LineString | Polygon | MultiPolygon;
export type Areal = Polygon | MultiPolygon;

/** A lon/lat bounding box: [west, south, east, north]. */
export type BBox = [number, number, number, number];
