import type { BBox, Geometry, Position } from '../geo/geojson.ts';

function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      break;
    case 'LineString':
      g.coordinates.forEach(fn);
      break;
    case 'Polygon':
      for (const ring of g.coordinates) ring.forEach(fn);
      break;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(fn);
      break;
  }
}

/** The lon/lat bounding box of a geometry, for the spatial index. */
export function geometryBBox(g: Geometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(g, ([x, y]) => {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  });
  return box;
}
