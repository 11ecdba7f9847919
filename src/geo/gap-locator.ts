import Flatbush from 'flatbush';
import type { Position } from '../domain/geojson.ts';
import { buildAreaLocator } from './area-locator.ts';

/**
 * Finds which of many planar polygons holds a point: an R-tree over their boxes, then a banded point-in-area test
 * of the few candidates. Returns the polygon's index, or −1.
 */
export function buildPolygonLocator(polygons: ReadonlyArray<Position[][]>): (p: Position) => number {
  if (polygons.length === 0) return () => -1;
  const index = new Flatbush(polygons.length);
  for (const rings of polygons) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of rings[0]) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    index.add(w, s, e, n);
  }
  index.finish();
  const locators: Array<((p: Position) => boolean) | undefined> = [];
  const locator = (i: number) => {
    locators[i] ??= buildAreaLocator({ type: 'Polygon', coordinates: polygons[i] });
    return locators[i];
  };
  return (p) => {
    let found = -1;
    for (const i of index.search(p[0], p[1], p[0], p[1])) if ((found === -1 || i < found) && locator(i)(p)) found = i;
    return found;
  };
}
