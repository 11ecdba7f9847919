import type { Areal, LineString, Position } from '../domain/geojson.ts';
import { bufferKm } from '../geo/buffer.ts';
import { type LineLocator, lineLocator } from '../geo/line-side.ts';
import { areaKm2, splitAreal, unionAll } from '../geo/polygon-ops.ts';
import { lineTowns, sideReferences } from './places.ts';

export const zoneKm = 20;

/** A JCC's area of responsibility: the part of the zone between two chainages of the line. */
export interface DemoAor {
  code: string;
  name: string;
  nameAr: string;
  nameCkb: string;
  fromKm: number;
  toKm: number;
  aor: Areal;
}

/** The fixed geometry of the exercise: the line, its zone, the sides and the JCC areas. */
export interface ScenarioGeometry {
  line: LineString;
  locator: LineLocator;
  zone: Areal;
  leftOrg: string;
  rightOrg: string;
  aors: DemoAor[];
}

const chainageOf = (locator: LineLocator, town: string) =>
  locator.locate(lineTowns.find((t) => t.name === town)!.at).chainageKm;

/** Works out from the geometry which force holds the left side: the one whose home ground lies to the left. */
function sides(locator: LineLocator): { leftOrg: string; rightOrg: string } {
  const pesh = Math.sign(locator.locate(sideReferences.peshmerga.at).signedKm);
  const isf = Math.sign(locator.locate(sideReferences.isf.at).signedKm);
  if (pesh === isf || pesh === 0) throw new Error('the side references do not fall on opposite sides of the line');
  return pesh > 0 ? { leftOrg: 'peshmerga', rightOrg: 'isf' } : { leftOrg: 'isf', rightOrg: 'peshmerga' };
}

/** Builds the line through the towns, its 20 km zone, and the four JCC areas cut square to the line between towns. */
export function buildScenarioGeometry(): ScenarioGeometry {
  const line: LineString = { type: 'LineString', coordinates: lineTowns.map((t) => [...t.at] as Position) };
  const locator = lineLocator(line);
  const zone = bufferKm(line, zoneKm);
  const between = (a: string, b: string) => (chainageOf(locator, a) + chainageOf(locator, b)) / 2;
  const cuts = [between('Kifri', 'Tuz Khurmatu'), between('Dibis', 'Makhmour'), between('Gwer', 'Bashiqa')];
  const bounds = [0, ...cuts, locator.lengthKm];
  const specs = [
    {
      code: 'diyala',
      name: 'JCC Diyala/Khanaqin',
      nameAr: 'مركز تنسيق ديالى/خانقين',
      nameCkb: 'ناوەندی هەماهەنگیی دیالە/خانەقین',
    },
    {
      code: 'k1',
      name: 'JCC Kirkuk (K1)',
      nameAr: 'مركز تنسيق كركوك (K1)',
      nameCkb: 'ناوەندی هەماهەنگیی کەرکووک (K1)',
    },
    { code: 'makhmour', name: 'JCC Makhmour', nameAr: 'مركز تنسيق مخمور', nameCkb: 'ناوەندی هەماهەنگیی مەخموور' },
    { code: 'nineveh', name: 'JCC Nineveh', nameAr: 'مركز تنسيق نينوى', nameCkb: 'ناوەندی هەماهەنگیی نەینەوا' },
  ];
  // Cut lines reach well past the zone edge on both sides; the parts outside the zone are dropped by the split.
  const reach = zoneKm * 1.5;
  const faces = splitAreal(
    zone,
    cuts.map((c) => ({ type: 'LineString', coordinates: [locator.pointAt(c, reach), locator.pointAt(c, -reach)] })),
  );
  const byAor = specs.map(() => [] as Areal[]);
  for (const face of faces) {
    // A face belongs to the stretch holding the median chainage of its outline.
    const chainages = face.coordinates[0].map((p) => locator.locate(p).chainageKm).sort((a, b) => a - b);
    const median = chainages[Math.floor(chainages.length / 2)];
    let k = 0;
    while (k < cuts.length && median > cuts[k]) k++;
    byAor[k].push(face);
  }
  const aors = specs.map((s, i) => {
    if (byAor[i].length === 0) throw new Error(`no part of the zone fell in ${s.code}`);
    return { ...s, fromKm: bounds[i], toKm: bounds[i + 1], aor: unionAll(byAor[i]) };
  });
  const total = aors.reduce((sum, a) => sum + areaKm2(a.aor), 0);
  if (Math.abs(total - areaKm2(zone)) > 0.001 * areaKm2(zone)) throw new Error('the JCC areas do not cover the zone');
  return { line, locator, zone, ...sides(locator), aors };
}
